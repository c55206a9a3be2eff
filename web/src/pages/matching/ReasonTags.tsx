import { Space, Tag } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Reason } from './matching-api.ts';

/** The reasons of a recommendation as tags, in the current language; priority reasons stand out. */
export function ReasonTags({ reasons }: { reasons: Reason[] }) {
  const { lang } = useI18n();
  return (
    <Space size={[4, 4]} wrap>
      {reasons.map((r) => (
        <Tag key={r.code} color={r.code.startsWith('priority') ? 'red' : r.code.startsWith('same_') ? 'green' : undefined} style={{ marginInlineEnd: 0 }}>
          {lang === 'en' ? r.en : r.zh}
        </Tag>
      ))}
    </Space>
  );
}
