import { Component } from 'react';

interface Props {
  /** A new value (the next page's path) clears the failure: another page may load fine. */
  resetKey: string;
  children: React.ReactNode;
}

interface State {
  failed: boolean;
  resetKey: string;
}

/**
 * What a person sees when a page cannot be shown — most often its code failed to load (the
 * network dropped, or a new version replaced the files): a way out instead of a blank screen.
 */
export class PageErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<State> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" className="message message-error">
        <p>This page could not be loaded. Check your connection, then reload the page.</p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
