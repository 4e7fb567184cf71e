import { useCallback, useRef, type RefObject } from 'react';
import { editorFragment, type DraftRowContent } from './draft.ts';
import { FormattingTools } from './FormattingTools.tsx';
import { PARTIAL_QUOTE_WORDS } from './quote.ts';
import { textOfEditor } from './quoteHtml.ts';
import type { useInlineImages } from './useInlineImages.ts';

/** The message itself: the formatting tools, and a rich editor or a plain textarea. */
export function MessageEditor({
  row,
  setRow,
  editor,
  inline,
  touch,
}: {
  row: DraftRowContent;
  setRow: (row: DraftRowContent) => void;
  editor: RefObject<HTMLDivElement | null>;
  inline: ReturnType<typeof useInlineImages>;
  touch: () => void;
}) {
  // The rich editor starts from the draft's HTML (a quoted HTML mail, a kept draft), as nodes.
  const html = useRef<string | undefined>(undefined);
  html.current = row.content.htmlBody;
  const fillEditor = useCallback(
    (el: HTMLDivElement | null) => {
      editor.current = el;
      if (!el || html.current === undefined) return;
      el.replaceChildren(editorFragment(html.current, new Set(inline.known.keys())));
      inline.showKept(el);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per editor element: `inline` is new each render
    [editor],
  );
  // Rich text off keeps the words (and images shown in the text become attached files); on again starts from them.
  const switchRich = (rich: boolean) => {
    const text = !rich && editor.current ? textOfEditor(editor.current) : row.content.textBody;
    let attachments = row.content.attachments;
    if (!rich && editor.current) {
      // The images still in the text become attached files; they are no longer inline.
      const { html, attachments: sent } = inline.outgoing(editor.current, attachments);
      attachments = sent.filter((a) => !a.cid || html.includes(`cid:${a.cid}`)).map(({ cid: _inline, ...file }) => file);
      inline.known.clear();
    }
    setRow({ ...row, rich, content: { ...row.content, textBody: text, htmlBody: undefined, attachments } });
    touch();
  };
  const exec = (command: string, value?: string) => {
    editor.current?.focus();
    document.execCommand(command, false, value);
    touch();
  };
  return (
    <>
      <FormattingTools rich={row.rich} onRich={switchRich} exec={exec} />
      {row.partialQuote && (
        <p className="notice-inline" role="note">
          {PARTIAL_QUOTE_WORDS}
        </p>
      )}
      {row.rich ? (
        <div
          ref={fillEditor}
          className="editor"
          contentEditable
          role="textbox"
          aria-multiline="true"
          aria-label="Message"
          onInput={touch}
          suppressContentEditableWarning
        >
          {row.content.htmlBody === undefined ? row.content.textBody : null}
        </div>
      ) : (
        <textarea
          aria-label="Message"
          value={row.content.textBody}
          onChange={(e) => (setRow({ ...row, content: { ...row.content, textBody: e.target.value } }), touch())}
          rows={12}
        />
      )}
    </>
  );
}
