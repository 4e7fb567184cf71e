import { displayText } from '../../sanitize/index.ts';

export interface RemoteContentBarProps {
  blockedCount: number;
  onShowOnce: () => void;
  /** Shown only when the sender is known and the app can remember the choice. */
  sender?: string | undefined;
  onAlwaysForSender?: (() => void) | undefined;
}

/** Shown when remote images or styles were left out of a message. */
export function RemoteContentBar({ blockedCount, onShowOnce, sender, onAlwaysForSender }: RemoteContentBarProps) {
  return (
    <div className="msg-remote-bar" role="status" data-blocked-count={blockedCount}>
      <span className="msg-remote-text">Images are hidden to protect your privacy.</span>
      <button type="button" className="msg-remote-show" onClick={onShowOnce}>
        Show images
      </button>
      {sender && onAlwaysForSender ? (
        <button
          type="button"
          className="msg-remote-always"
          onClick={onAlwaysForSender}
          title={`Always show images from ${displayText(sender, 320)}`}
        >
          Always for sender
        </button>
      ) : null}
    </div>
  );
}
