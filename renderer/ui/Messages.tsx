import { useEffect, useState } from 'react';
import { useMessages, INFO_TIMEOUT_MS, type Message } from '../state/messages';
import { Icon } from './Icon';

function MessageCard({ m }: { m: Message }) {
  const dismiss = useMessages((s) => s.dismiss);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (m.severity !== 'info' && m.severity !== 'success') return;
    const t = setTimeout(() => dismiss(m.id), INFO_TIMEOUT_MS);
    return () => clearTimeout(t);
  }, [m, dismiss]);
  return (
    <div className={`message message-${m.severity}`} role={m.severity === 'error' ? 'alert' : 'status'} data-testid="message">
      <div className="message-main">
        <div className="message-text">
          <strong className="message-title">{m.title}</strong>
          {m.file && <span className="message-file"> — {m.file}</span>}
          {m.action && <div className="message-action">{m.action}</div>}
          {m.detail && open && <pre className="message-detail">{m.detail}</pre>}
        </div>
        <div className="message-buttons">
          {m.detail && (
            <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? 'Hide details' : 'Details'}
            </button>
          )}
          <button type="button" className="icon-button" aria-label={`Dismiss message: ${m.title}`} onClick={() => dismiss(m.id)}>
            <Icon name="close" size={16} />
          </button>
        </div>
      </div>
    </div>
  );
}

/** The one place messages appear: an area of its own at the foot of the right column (theme.css), so a message never covers a control. */
export function Messages() {
  const messages = useMessages((s) => s.messages);
  return (
    <section className="messages" aria-label="Messages" aria-live="polite">
      {messages.map((m) => (
        <MessageCard key={m.id} m={m} />
      ))}
    </section>
  );
}
