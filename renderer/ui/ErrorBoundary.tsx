import { Component, type ReactNode } from 'react';
import { reportError } from '../state/messages';

/** Keeps a crash in one pane (e.g. the 3D view) from taking down the app; the user's work stays. */
export class ErrorBoundary extends Component<{ label: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: unknown): void {
    reportError({ code: 'ui/crash', title: `The ${this.props.label} stopped working`, action: 'Your plan is unchanged. Try again; if it keeps happening, save the case and restart.', detail: error instanceof Error ? error.message : String(error) });
  }
  override render(): ReactNode {
    if (this.state.failed) {
      return (
        <div className="pane-error" role="alert">
          <p>The {this.props.label} stopped working. Your plan is unchanged.</p>
          <button type="button" className="secondary-button" onClick={() => this.setState({ failed: false })}>
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
