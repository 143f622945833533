import type { QueryPlan, QueryPlanCache } from '@apollo/query-planner';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { Metrics } from '@hsg/core';
import { QUERY_PLAN_BYTES } from './memory-budget';

/**
 * The gateway's query-plan cache, as Apollo Gateway builds it by default (an LRU keyed by the
 * operation's hash and name), counting each lookup as a hit or a miss: the gateway looks a plan up
 * once per executed operation and plans it only on a miss.
 */
export function countingPlanCache(metrics: Metrics): QueryPlanCache {
  const cache = new InMemoryLRUCache<QueryPlan>({ maxSize: QUERY_PLAN_BYTES });
  return {
    async get(key) {
      const plan = await cache.get(key);
      metrics.queryPlanCache.inc({ result: plan ? 'hit' : 'miss' });
      return plan;
    },
    set: (key, value, options) => cache.set(key, value, options),
    delete: (key) => cache.delete(key),
    clear: () => cache.clear(),
  };
}
