/** Rows per page of the conversation list (threadPages.ts); the start read reads one page. */
export const PAGE_SIZE = 100;
