import { useState, type HTMLAttributes } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, List, Space, Table, Tag, Typography, Upload } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api, isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { EVIDENCE_ACCEPT, sizeText, uploadEvidence, type Claim, type Evidence, type EvidenceSpec } from './claims-api.ts';
import { ProblemAlert, useCan } from './claims-ui.tsx';
import { inLang } from './policy-api.ts';

/**
 * The papers a claim's policy asks for, which are attached, and the files themselves. Approval is
 * refused while a required paper is missing, so whoever handles the claim can attach it here while
 * the claim is a draft or waits for a decision.
 */
export function EvidenceCard({ claim, specs }: { claim: Claim; specs: EvidenceSpec[] }) {
  const { t, lang, dateTime } = useI18n();
  const can = useCan();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [problem, setProblem] = useState<unknown>(null);
  const key = ['claim', String(claim.id), 'evidence'];
  const files = useQuery({ queryKey: key, queryFn: ({ signal }) => api<{ items: Evidence[] }>(`/claims/${claim.id}/evidence`, { signal }).then((r) => r.items), enabled: can('claim.evidence.read'), retry: false });
  const upload = useMutation({
    mutationFn: (v: { kind: string; file: File }) => uploadEvidence(claim.id, v.kind, v.file),
    onSuccess: (e) => {
      setProblem(null);
      message.success(t('evidence.uploaded', { name: e.name }));
      qc.invalidateQueries({ queryKey: key });
    },
    onError: setProblem,
  });
  if (!can('claim.evidence.read')) return null;
  // A server without evidence routes answers 404: there is nothing to show then.
  if (isApiError(files.error) && files.error.status === 404 && !specs.length) return null;
  const items = files.data ?? [];
  const attached = new Set(items.map((e) => e.kind));
  const open = claim.status === 'draft' || claim.status === 'submitted';
  const mayAdd = open && can('claim.evidence.add');
  const kindName = (kind: string) => {
    const s = specs.find((x) => x.id === kind);
    return s ? inLang(s.name, lang).main : kind;
  };

  return (
    <Card size="small" title={t('evidence.title')} data-testid="evidence-card" loading={files.isPending}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {specs.length === 0 ? (
          <Typography.Text type="secondary">{t('evidence.noneAsked')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={specs}
            renderItem={(s) => (
              <List.Item
                data-testid={`evidence-kind-${s.id}`}
                data-attached={String(attached.has(s.id))}
                actions={
                  mayAdd
                    ? [
                        <span key="up" data-testid={`evidence-upload-${s.id}`}>
                        <Upload
                          accept={EVIDENCE_ACCEPT}
                          showUploadList={false}
                          customRequest={({ file, onSuccess, onError }) =>
                            upload.mutate({ kind: s.id, file: file as File }, { onSuccess: (r) => onSuccess?.(r), onError: (e) => onError?.(e as Error) })
                          }
                        >
                          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending && upload.variables?.kind === s.id}>
                            {t('evidence.upload')}
                          </Button>
                        </Upload>
                        </span>,
                      ]
                    : []
                }
              >
                <Space>
                  {attached.has(s.id) ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor={s.required ? '#ff4d4f' : '#bfbfbf'} />}
                  <span>{inLang(s.name, lang).main}</span>
                  {s.required ? <Tag color={attached.has(s.id) ? 'green' : 'red'}>{t('evidence.required')}</Tag> : <Tag>{t('evidence.optional')}</Tag>}
                </Space>
              </List.Item>
            )}
          />
        )}
        {problem ? <ProblemAlert error={problem} onClose={() => setProblem(null)} testId="evidence-problem" /> : null}
        {files.error && !(isApiError(files.error) && files.error.status === 404) ? <ProblemAlert error={files.error} /> : null}
        {mayAdd && specs.length > 0 && <Typography.Text type="secondary">{t('evidence.hint')}</Typography.Text>}
        {items.length > 0 && (
          <Table<Evidence>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={items}
            scroll={{ x: 'max-content' }}
            data-testid="evidence-files"
            onRow={(e) => ({ 'data-testid': `evidence-file-${e.id}` }) as HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('evidence.file'),
                dataIndex: 'name',
                render: (n: string, e) => (
                  <a href={`/api/v1/claims/${claim.id}/evidence/${e.id}`} download={n}>
                    <PaperClipOutlined /> {n}
                  </a>
                ),
              },
              { title: t('evidence.kind'), dataIndex: 'kind', render: (k: string) => kindName(k) },
              { title: t('evidence.size'), dataIndex: 'size', align: 'right', render: (s: number) => sizeText(s) },
              { title: t('evidence.by'), dataIndex: 'uploadedBy' },
              { title: t('evidence.at'), dataIndex: 'uploadedAt', render: (v: string) => dateTime(v) },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
