import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Flex, List, Tag, Typography } from 'antd';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PERMISSIONS } from '../../../../src/domain/access/permissions/index.ts';
import { getRecommendations, refer } from './matching-api.ts';
import { ReasonTags } from './ReasonTags.tsx';

/** The postings recommended for one person, with reasons and a one-tap referral; drop it on the person page. */
export function RecommendationsPanel({ personId }: { personId: number }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const canRefer = !!user && (user.role === 'admin' || (PERMISSIONS['referral.create'] ?? []).includes(user.role as never));
  const q = useQuery({ queryKey: ['matching', 'recommendations', personId], queryFn: ({ signal }) => getRecommendations(personId, signal) });
  const m = useMutation({
    mutationFn: (postingId: number) => refer(personId, postingId),
    onSuccess: () => {
      message.success(t('match.referDone'));
      void client.invalidateQueries({ queryKey: ['matching'] });
    },
    onError: (e) => message.error(isApiError(e) ? e.message : String(e)),
  });
  return (
    <Card size="small" title={t('match.recommendations')} data-testid="recommendations-panel">
      <List
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('match.none') }}
        renderItem={(r) => (
          <List.Item
            actions={canRefer ? [r.referralId ? <Tag key="r">{t('match.referred')}</Tag> : <Button key="r" size="small" type="primary" loading={m.isPending && m.variables === r.posting.id} onClick={() => m.mutate(r.posting.id)}>{t('match.refer')}</Button>] : []}
          >
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
