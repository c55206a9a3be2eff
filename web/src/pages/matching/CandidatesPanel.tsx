import { useQuery } from '@tanstack/react-query';
import { Card, Flex, List, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { getCandidates } from './matching-api.ts';
import { useReferAction } from './refer-action.tsx';
import { ReasonTags } from './ReasonTags.tsx';

/** The people recommended for one posting (masked for an employer account); drop it on the posting page. */
export function CandidatesPanel({ postingId }: { postingId: number }) {
  const { t } = useI18n();
  const { canRefer, action } = useReferAction();
  const q = useQuery({ queryKey: ['matching', 'candidates', postingId], queryFn: ({ signal }) => getCandidates(postingId, signal) });
  return (
    <Card size="small" title={t('match.candidates')} data-testid="candidates-panel">
      <List
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('match.none') }}
        renderItem={(c) => (
          <List.Item actions={canRefer && c.personId != null ? [action(c.personId, postingId, c.referralId)] : []}>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text strong>{c.rank}. {c.name} · {t('match.age', { age: c.age })}</Typography.Text>
                <Typography.Text type="secondary">{t('match.score')} {c.score}</Typography.Text>
              </Flex>
              <ReasonTags reasons={c.reasons} />
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

export default CandidatesPanel;
