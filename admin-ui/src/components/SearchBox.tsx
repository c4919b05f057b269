import { useState } from 'react';
import { Input } from 'antd';

/** Keyword search of a list; an empty search goes back to the paged list. */
export default function SearchBox({ placeholder, onSearch }: { placeholder: string; onSearch: (keyword: string) => void }) {
  const [keyword, setKeyword] = useState('');
  return (
    <Input.Search
      placeholder={placeholder}
      allowClear
      value={keyword}
      onChange={(e) => setKeyword(e.target.value)}
      onSearch={(v) => onSearch(v.trim())}
      style={{ maxWidth: 280 }}
    />
  );
}
