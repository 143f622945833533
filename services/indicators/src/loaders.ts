import { byIdLoader, byParentLoader, pagedListLoader, type BaseContext, type ConnectionShape, type ScopedKey } from '@hsg/framework';
import DataLoader from 'dataloader';
import { observationQuery, targetQuery, type ObservationFilter, type TargetFilter } from './filters';
import { Indicator } from './indicator';
import { Observation } from './observation';
import { Plan } from './plan';
import { observationsFor, targetKey } from './judgements';
import { Target } from './target';

export interface IndicatorsContext extends BaseContext {
  indicatorById: DataLoader<string, Indicator | null>;
  observationById: DataLoader<string, Observation | null>;
  planById: DataLoader<string, Plan | null>;
  targetById: DataLoader<string, Target | null>;
  observationsOfIndicator: DataLoader<ScopedKey<ObservationFilter>, ConnectionShape<Observation>, string>;
  targetsOfIndicator: DataLoader<ScopedKey<null>, ConnectionShape<Target>, string>;
  targetsOfPlan: DataLoader<ScopedKey<null>, ConnectionShape<Target>, string>;
  plansOfRegion: DataLoader<string, Plan[]>;
  regionObservations: DataLoader<ScopedKey<ObservationFilter>, ConnectionShape<Observation>, string>;
  regionTargets: DataLoader<ScopedKey<TargetFilter>, ConnectionShape<Target>, string>;
  /** The observation a target is judged by: same indicator, same region, period = the target year. */
  observationForTarget: DataLoader<Target, Observation | null, string>;
}

export function createContext(base: BaseContext): IndicatorsContext {
  const { dataSource } = base;
  const observationById = byIdLoader(dataSource, Observation);
  const targetById = byIdLoader(dataSource, Target);
  const observations = { typeName: 'Observation', dataSource, byId: observationById };
  const targets = { typeName: 'Target', dataSource, byId: targetById };
  const ctx: IndicatorsContext = {
    ...base,
    indicatorById: byIdLoader(dataSource, Indicator),
    observationById,
    planById: byIdLoader(dataSource, Plan),
    targetById,
    observationsOfIndicator: pagedListLoader({
      ...observations,
      query: (indicatorId, filter: ObservationFilter | null | undefined) => observationQuery(dataSource, { ...filter, indicatorId }),
    }),
    targetsOfIndicator: pagedListLoader({ ...targets, query: (indicatorId) => targetQuery(dataSource, { indicatorId }) }),
    targetsOfPlan: pagedListLoader({ ...targets, query: (planId) => targetQuery(dataSource, { planId }) }),
    plansOfRegion: byParentLoader(dataSource, Plan, 'regionId'),
    // A region's figures and targets are its own (exactly that region): a city's are not its districts'.
    regionObservations: pagedListLoader({ ...observations, query: (regionId, filter) => observationQuery(dataSource, filter, [regionId]) }),
    regionTargets: pagedListLoader({ ...targets, query: (regionId, filter) => targetQuery(dataSource, filter, [regionId]) }),
    observationForTarget: new DataLoader<Target, Observation | null, string>((targets) => observationsFor(dataSource.manager, targets), {
      cacheKeyFn: targetKey,
    }),
  };
  return ctx;
}
