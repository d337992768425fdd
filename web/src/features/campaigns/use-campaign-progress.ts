import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { campaignsApi } from '../../api/endpoints';
import type { CampaignProgress, CampaignStatus } from '../../api/types';

const LIVE: CampaignStatus[] = ['scheduled', 'running', 'paused'];

export const isLive = (status: CampaignStatus) => LIVE.includes(status);

/**
 * A campaign's progress, pushed by the server-sent event stream while it is live. Polling every second
 * takes over whenever the stream is not delivering (no EventSource, the stream reconnecting or refused).
 */
export function useCampaignProgress(campaignId: number) {
  const client = useQueryClient();
  const queryKey = ['campaign', campaignId, 'progress'];
  const [streaming, setStreaming] = useState(false);
  const progress = useQuery({
    queryKey,
    queryFn: () => campaignsApi.progress(campaignId),
    // The last answer stays once it is final.
    refetchInterval: (q) => (streaming || (q.state.data && !isLive(q.state.data.status)) ? false : 1000),
    refetchIntervalInBackground: false,
  });
  const final = progress.data !== undefined && !isLive(progress.data.status);

  useEffect(() => {
    if (final || typeof EventSource === 'undefined') return;
    const events = new EventSource(campaignsApi.progressStreamUrl(campaignId));
    events.addEventListener('progress', (e) => {
      client.setQueryData<CampaignProgress>(
        ['campaign', campaignId, 'progress'],
        JSON.parse((e as MessageEvent<string>).data),
      );
      setStreaming(true);
    });
    // After `end` a reconnect would get 204; the final progress event came just before it.
    events.addEventListener('end', () => {
      events.close();
      setStreaming(false);
    });
    events.onerror = () => setStreaming(false);
    return () => {
      events.close();
      setStreaming(false);
    };
  }, [campaignId, final, client]);

  return progress;
}
