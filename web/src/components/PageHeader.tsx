import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** A page's title, with its main action (or search) on the right; the two wrap onto two lines on a phone. */
export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <Flex wrap gap={12} justify="space-between" align="center">
      <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </Flex>
  );
}
