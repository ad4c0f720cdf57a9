import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { READ_ONLY_REASON, useCase } from '../state/case';
import { dispatch, displayShortcut, useCommands } from '../state/commands';
import { useFiles } from '../state/files';
import { KEY_FRAME_TAGS, LOOP_LABELS, LOOP_MODES, SPEEDS, keyFrameLabel, useViewer, type KeyFrameTag } from '../state/viewer';
import { formatTime, frameStarts } from './format';
import { useFrameEffect, writeText } from './frame-dom';
import { VIcon } from './icons';
import { useViewerUi } from '../state/viewerUi';

function CmdButton({ id, icon, className }: { id: string; icon: string; className?: string }) {
  const cmd = useCommands((s) => s.commands[id]);
  const label = cmd?.label ?? id;
  const title = cmd?.shortcut ? `${label} (${displayShortcut(cmd.shortcut)})` : label;
  return (
    <button type="button" className={`cine-button${className ? ` ${className}` : ''}`} aria-label={label} title={title} onClick={() => dispatch(id)}>
      <VIcon name={icon} />
    </button>
  );
}

/** Play controls, the scrubber (time, frame, key-frame marks), speed, loop mode, key frames. */
export function CineBar() {
  const clipId = useViewer((s) => s.clipId);
  const clipUid = useViewer((s) => s.clipUid);
  const n = useViewer((s) => s.frameCount);
  const playing = useViewer((s) => s.playing);
  const speed = useViewer((s) => s.speed);
  const loop = useViewer((s) => s.loop);
  const keyFrames = useViewer((s) => s.keyFrames);
  const file = useFiles((s) => s.files.find((f) => f.id === clipId));
  const d = file?.dicom;
  const starts = useMemo(() => (d ? frameStarts(d.frameTimesMs) : []), [d]);
  const marks = keyFrames.filter((k) => k.clipId === clipUid);
  const wasPlaying = useRef(false);
  const scrubber = useRef<HTMLInputElement>(null);
  const time = useRef<HTMLSpanElement>(null);
  const count = useRef<HTMLSpanElement>(null);
  const last = Math.max(0, n - 1);
  // The scrubber and the readout follow playback without re-rendering the bar (frame-dom.ts).
  useFrameEffect(
    (frame) => {
      const input = scrubber.current;
      if (input) {
        const v = String(frame);
        if (input.value !== v) input.value = v;
        const vt = `Frame ${frame + 1} of ${n}, ${formatTime(starts[frame] ?? 0)}`;
        if (input.getAttribute('aria-valuetext') !== vt) input.setAttribute('aria-valuetext', vt);
      }
      writeText(time.current, formatTime(starts[frame] ?? 0));
      writeText(count.current, `${frame + 1} / ${n}`);
    },
    [n, starts, clipId, d],
  );
  if (!clipId || !d) return null;
  const pos = (i: number) => (last > 0 ? (i / last) * 100 : 0);

  return (
    <div className="cine-bar" role="group" aria-label="Cine controls">
      <div className="cine-buttons">
        <CmdButton id="cine.first" icon="first" />
        <CmdButton id="cine.stepBack" icon="prev" />
        <button
          type="button"
          className="cine-button cine-play"
          aria-label={playing ? 'Pause' : 'Play'}
          aria-pressed={playing}
          title={`${playing ? 'Pause' : 'Play'} (Space)`}
          disabled={n < 2}
          onClick={() => dispatch('cine.playPause')}
          data-testid="play-button"
        >
          <VIcon name={playing ? 'pause' : 'play'} size={20} />
        </button>
        <CmdButton id="cine.stepForward" icon="next" />
        <CmdButton id="cine.last" icon="last" />
      </div>
      <div className="scrubber">
        <div className="scrubber-marks" aria-hidden={marks.length === 0}>
          {marks.map((k) => (
            <button
              key={k.id}
              type="button"
              className={`kf-mark kf-${k.tag}`}
              style={{ left: `${pos(k.frameIndex)}%` }}
              aria-label={`Key frame: ${keyFrameLabel(k)}, frame ${k.frameIndex + 1}`}
              title={`${keyFrameLabel(k)} — frame ${k.frameIndex + 1}`}
              onClick={() => useViewer.getState().seek(k.frameIndex)}
            />
          ))}
        </div>
        <input
          type="range"
          className="scrubber-input"
          min={0}
          max={last}
          step={1}
          defaultValue={useViewer.getState().frame}
          ref={scrubber}
          disabled={n < 2}
          aria-label="Frame"
          data-testid="scrubber"
          onPointerDown={() => {
            wasPlaying.current = useViewer.getState().playing;
            useViewer.getState().pause();
          }}
          onPointerUp={() => {
            if (wasPlaying.current) useViewer.getState().play();
            wasPlaying.current = false;
          }}
          onChange={(e) => useViewer.getState().seek(Number(e.target.value))}
        />
      </div>
      <div className="cine-readout" aria-hidden="true">
        <span className="cine-time" ref={time} />
        <span className="cine-frame" ref={count} />
      </div>
      <label className="cine-select" title="Playback speed ([ slower, ] faster)">
        <span className="visually-hidden">Playback speed</span>
        <select value={speed} onChange={(e) => useViewer.getState().setSpeed(Number(e.target.value))} aria-label="Playback speed" data-testid="speed">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <div className="segmented cine-loop" role="radiogroup" aria-label="At the end of the clip">
        {LOOP_MODES.map((m) => (
          <button key={m} type="button" role="radio" aria-checked={loop === m} aria-label={LOOP_LABELS[m]} title={`${LOOP_LABELS[m]} (L cycles)`} className={loop === m ? 'active' : ''} onClick={() => useViewer.getState().setLoop(m)}>
            <VIcon name={m} size={16} />
          </button>
        ))}
      </div>
      <KeyFrameButton />
    </div>
  );
}

/** The bookmark button and its tag menu (also opened with K). */
function KeyFrameButton() {
  const open = useViewerUi((s) => s.keyFrameMenu);
  const locked = useCase((s) => s.readOnly !== null); // a read-only teaching case: no key frame is added
  const reasonId = useId();
  // The frame matters only while the menu is open (no re-render per frame during playback).
  const frame = useViewer((s) => (open ? s.frame : -1));
  const [text, setText] = useState('');
  const [freeOpen, setFreeOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  const close = () => {
    useViewerUi.getState().closeKeyFrameMenu();
    setFreeOpen(false);
    setText('');
  };
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const onDown = (e: MouseEvent) => {
      if (menu.current && !menu.current.contains(e.target as Node) && !(e.target as HTMLElement).closest?.('.kf-add')) close();
    };
    window.addEventListener('mousedown', onDown);
    return () => window.removeEventListener('mousedown', onDown);
  }, [open]);
  const add = (tag: KeyFrameTag, t = '') => {
    useViewer.getState().addKeyFrame(tag, t);
    close();
  };
  return (
    <div className="kf-wrap">
      <button
        type="button"
        className={`cine-button kf-add${open ? ' active' : ''}`}
        aria-label="Mark this frame as a key frame"
        aria-haspopup="menu"
        aria-expanded={open}
        title={locked ? READ_ONLY_REASON : 'Mark this frame as a key frame (K)'}
        disabled={locked}
        aria-describedby={locked ? reasonId : undefined}
        onClick={() => (open ? close() : dispatch('cine.addKeyFrame'))}
      >
        <VIcon name="bookmark" />
      </button>
      {locked && (
        <span id={reasonId} className="visually-hidden">
          {READ_ONLY_REASON}
        </span>
      )}
      {open && (
        <div
          className="kf-menu"
          role="menu"
          aria-label={`Key frame at frame ${frame + 1}`}
          ref={menu}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <div className="kf-menu-title">Mark frame {frame + 1} as</div>
          {KEY_FRAME_TAGS.filter((t) => t.tag !== 'free').map((t) => (
            <button key={t.tag} type="button" role="menuitem" className={`kf-item kf-${t.tag}`} onClick={() => add(t.tag)}>
              <span className="kf-dot" aria-hidden="true" />
              {t.label}
            </button>
          ))}
          {!freeOpen ? (
            <button type="button" role="menuitem" className="kf-item kf-free" onClick={() => setFreeOpen(true)}>
              <span className="kf-dot" aria-hidden="true" />
              Note (free text)…
            </button>
          ) : (
            <form
              className="kf-free-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (text.trim()) add('free', text.trim());
              }}
            >
              <input autoFocus type="text" value={text} maxLength={4000} placeholder="What this frame shows" aria-label="Key frame note" onChange={(e) => setText(e.target.value)} />
              <button type="submit" className="primary-button small" disabled={!text.trim()}>
                Add
              </button>
            </form>
          )}
        </div>
      )}
    </div>
  );
}
