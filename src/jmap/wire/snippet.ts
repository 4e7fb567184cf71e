/** RFC 8621 §5: SearchSnippet — highlighted matches, HTML with <mark> around matches. */
import type { Id } from './core.ts';

export interface SearchSnippet {
  emailId: Id;
  subject: string | null;
  preview: string | null;
}
