import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Flex, List, Tag, Typography } from 'antd';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { PERMISSIONS } from '../../../../src/domain/access/permissions/index.ts';
import { getCandidates, refer } from './matching-api.ts';
import { ReasonTags } from './ReasonTags.tsx';

/** The people recommended for one posting (masked for an employer account); drop it on the posting page. */
export function CandidatesPanel({ postingId }: { postingId: number }) {
  const { t } = useI18n();
  const { user } = useSession();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const canRefer = !!user && (user.role === 'admin' || (PERMISSIONS['referral.create'] ?? []).includes(user.role as never));
  const q = useQuery({ queryKey: ['matching', 'candidates', postingId], queryFn: ({ signal }) => getCandidates(postingId, signal) });
  const m = useMutation({
    mutationFn: (personId: number) => refer(personId, postingId),
    onSuccess: () => {
      message.success(t('match.referDone'));
      void client.invalidateQueries({ queryKey: ['matching'] });
    },
    onError: (e) => message.error(isApiError(e) ? e.message : String(e)),
  });
  return (
    <Card size="small" title={t('match.candidates')} data-testid="candidates-panel">
      <List
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: t('match.none') }}
        renderItem={(c) => (
          <List.Item
            actions={canRefer && c.personId != null ? [c.referralId ? <Tag key="r">{t('match.referred')}</Tag> : <Button key="r" size="small" type="primary" loading={m.isPending && m.variables === c.personId} onClick={() => m.mutate(c.personId!)}>{t('match.refer')}</Button>] : []}
          >
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
