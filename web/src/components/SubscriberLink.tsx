import { Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { subscribersApi } from '../api/endpoints';

/** A subscriber by id, shown by name or address once known (winners, service requests). */
export function SubscriberLink({ id }: { id: number }) {
  const subscriber = useQuery({
    queryKey: ['subscriber', id],
    queryFn: () => subscribersApi.get(id),
    staleTime: 60_000,
    retry: false,
  });
  const s = subscriber.data;
  return (
    <Anchor component={Link} to={`/audience/subscribers/${id}`} size="sm">
      {s ? s.name || s.email || `#${id}` : `#${id}`}
    </Anchor>
  );
}
