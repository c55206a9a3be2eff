import type { CSSProperties, ReactNode } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Table, Typography, type TableProps } from 'antd';
import { api, type RequestOptions } from '../api/client.ts';

/** One page of a list as the server sends it: the rows and the cursor of the next page (null at the end). */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A list read one page at a time from `path`, following the server's cursor; `items` holds every
 * page read so far, in order. `key` must change whenever `query` does.
 */
export function useCursorPages<T>(key: readonly unknown[], path: string, query: RequestOptions['query'], limit = 50) {
  const list = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => api<CursorPage<T>>(path, { query: { ...query, cursor: pageParam, limit }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return { list, items };
}

/** What the footer of a cursor list needs of its query. */
interface MoreList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** Below a cursor list: a "load more" button while pages remain, then a quiet "all loaded" once something was shown. */
export function LoadMore({
  list,
  count,
  more,
  end,
  testId,
  style = { marginTop: 12 },
}: {
  list: MoreList;
  count: number;
  more: ReactNode;
  end: ReactNode;
  testId?: string;
  style?: CSSProperties;
}) {
  return (
    <div style={{ textAlign: 'center', ...style }}>
      {list.hasNextPage ? (
        <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid={testId}>
          {more}
        </Button>
      ) : count > 0 ? (
        <Typography.Text type="secondary">{end}</Typography.Text>
      ) : null}
    </div>
  );
}

/**
 * A table over every page of a cursor list read so far, with "load more" below it. Rows are keyed
 * by `id`; any other table prop (columns, size, loading, test ids) passes through.
 */
export function CursorTable<T extends object>({
  list,
  items,
  more,
  end,
  moreTestId,
  ...table
}: TableProps<T> & { list: MoreList & { isPending: boolean }; items: T[]; more: ReactNode; end: ReactNode; moreTestId?: string }) {
  return (
    <>
      <Table<T> rowKey="id" loading={list.isPending} dataSource={items} pagination={false} {...table} />
      <LoadMore list={list} count={items.length} more={more} end={end} testId={moreTestId} />
    </>
  );
}
