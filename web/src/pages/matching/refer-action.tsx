import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Tag } from 'antd';
import { PERMISSIONS } from '../../../../src/domain/access/permissions/index.ts';
import { isApiError } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { refer } from './matching-api.ts';

/**
 * One-tap referral from a list of recommendations. `canRefer` says whether this account may refer
 * at all; `action` is the row's control: a "referred" tag once a referral exists, else the button.
 */
export function useReferAction() {
  const { t } = useI18n();
  const { user } = useSession();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const canRefer = !!user && (user.role === 'admin' || (PERMISSIONS['referral.create'] ?? []).includes(user.role as never));
  const m = useMutation({
    mutationFn: ({ personId, postingId }: { personId: number; postingId: number }) => refer(personId, postingId),
    onSuccess: () => {
      message.success(t('match.referDone'));
      void client.invalidateQueries({ queryKey: ['matching'] });
    },
    onError: (e) => message.error(isApiError(e) ? e.message : String(e)),
  });
  const action = (personId: number, postingId: number, referralId: unknown) =>
    referralId ? (
      <Tag key="r">{t('match.referred')}</Tag>
    ) : (
      <Button key="r" size="small" type="primary" loading={m.isPending && m.variables?.personId === personId && m.variables.postingId === postingId} onClick={() => m.mutate({ personId, postingId })}>
        {t('match.refer')}
      </Button>
    );
  return { canRefer, action };
}
