import { useEffect, useState } from 'react';

/** The search field's text, and what is searched (250 ms after the last key). */
export function useSearchText() {
  const [searchInput, setSearchInput] = useState('');
  const [searchText, setSearchText] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setSearchText(searchInput.trim()), 250);
    return () => clearTimeout(t);
  }, [searchInput]);
  return { searchInput, setSearchInput, searchText };
}
