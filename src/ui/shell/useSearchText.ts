import { useEffect, useState } from 'react';

/** The search field's text, what is searched (250 ms after the last key), and whether search was ever used here. */
export function useSearchText() {
  const [searchInput, setSearchInput] = useState('');
  const [searchText, setSearchText] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setSearchText(searchInput.trim()), 250);
    return () => clearTimeout(t);
  }, [searchInput]);
  const [searched, setSearched] = useState(false);
  if (searchText && !searched) setSearched(true);
  return { searchInput, setSearchInput, searchText, searched };
}
