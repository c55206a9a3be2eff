import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, List, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n.tsx';
import { getRecommendations } from './matching-api.ts';
import { useReferAction } from './refer-action.tsx';
import { ReasonTags } from './ReasonTags.tsx';

/** The postings recommended for one person, with reasons and a one-tap referral; drop it on the person page. */
export function RecommendationsPanel({ personId }: { personId: number }) {
  const { t, lang } = useI18n();
  const { canRefer, action } = useReferAction();
  const q = useQuery({ queryKey: ['matching', 'recommendations', personId], queryFn: ({ signal }) => getRecommendations(personId, signal) });
  return (
    <Card size="small" title={t('match.recommendations')} data-testid="recommendations-panel">
      <List
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('match.none') }}
        renderItem={(r) => (
          <List.Item actions={canRefer ? [action(personId, r.posting.id, r.referralId)] : []}>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex justify="space-between" gap={8} wrap>
                <Link to={`/postings/${r.posting.id}`}><Typography.Text strong>{r.posting.title}</Typography.Text></Link>
                <Typography.Text type="secondary">{t('match.score')} {r.score}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary">
                {r.posting.employerName} · {t('match.pay', { min: r.posting.payMinYuan.toLocaleString(lang), max: r.posting.payMaxYuan.toLocaleString(lang) })} · {t('match.openings', { filled: r.posting.filled, openings: r.posting.openings })}
              </Typography.Text>
              <ReasonTags reasons={r.reasons} />
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

export default RecommendationsPanel;
