/** The rich-text switch and, when on, the formatting the editor offers (see cleanOutgoingHtml). */
export function FormattingTools({
  rich,
  onRich,
  exec,
}: {
  rich: boolean;
  onRich: (rich: boolean) => void;
  exec: (command: string, value?: string) => void;
}) {
  return (
    <div className="compose-tools" role="toolbar" aria-label="Formatting">
      <label className="inline">
        <input type="checkbox" checked={rich} onChange={(e) => onRich(e.target.checked)} /> Rich text
      </label>
      {rich && (
        <>
          <button type="button" onClick={() => exec('bold')} aria-label="Bold">
            <b>B</b>
          </button>
          <button type="button" onClick={() => exec('italic')} aria-label="Italic">
            <i>I</i>
          </button>
          <button type="button" onClick={() => exec('insertUnorderedList')}>
            • List
          </button>
          <button type="button" onClick={() => exec('insertOrderedList')}>
            1. List
          </button>
          <button
            type="button"
            onClick={() => {
              const url = prompt('Link to (https://…)');
              if (url && /^(https?:|mailto:)/i.test(url)) exec('createLink', url);
            }}
          >
            Link
          </button>
        </>
      )}
    </div>
  );
}
