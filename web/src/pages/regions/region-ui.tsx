import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { api, type Region } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const LEVEL_COLORS: Record<string, string> = { province: 'magenta', city: 'volcano', county: 'gold', town: 'cyan', village: 'green' };

export function LevelTag({ level, testId }: { level: string; testId?: string }) {
  const { levelName } = useI18n();
  return (
    <Tag color={LEVEL_COLORS[level]} data-testid={testId} data-level={level} style={{ marginInlineEnd: 0 }}>
      {levelName(level)}
    </Tag>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Region suggestions for what the user typed: name part, pinyin initials ("hyx") or code. */
export function useRegionSearch(text: string, limit = 12) {
  const q = useDebounced(text.trim(), 200);
  return useQuery({
    queryKey: ['regions', 'search', q, limit],
    queryFn: ({ signal }) => api<{ items: Region[] }>('/regions', { query: { q, limit }, signal }).then((r) => r.items),
    enabled: q.length > 0,
    staleTime: 5 * 60_000,
    placeholderData: (prev) => prev,
  });
}

/** One suggestion line: name, level and where it lies. */
export function RegionOption({ r }: { r: Region }) {
  return (
    <div data-testid={`region-option-${r.code}`} style={{ display: 'flex', gap: 8, alignItems: 'center', minWidth: 0 }}>
      <LevelTag level={r.level} />
      <span style={{ fontWeight: 500, whiteSpace: 'nowrap' }}>{r.name}</span>
      <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{r.path ?? r.code}</span>
    </div>
  );
}

/** A region picked by typing its name, pinyin initials or code; with `level`, regions of other levels are offered but cannot be picked. */
export function RegionSelect({ value, onChange, level, placeholder, testId, style }: { value?: string; onChange?: (v: string | undefined) => void; level?: string; placeholder?: ReactNode; testId?: string; style?: CSSProperties }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const search = useRegionSearch(text, 20);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      notFoundContent={text ? t('region.noMatch') : null}
      loading={search.isFetching}
      options={(search.data ?? []).map((r) => ({ value: r.code, label: <RegionOption r={r} />, disabled: !!level && r.level !== level }))}
      style={style}
      data-testid={testId}
    />
  );
}
