import { byIdLoader, byParentLoader, regionScopedLoader, type BaseContext, type ConnectionShape, type ScopedKey } from '@hsg/common';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { withAttainment } from './attainment';
import { findObservations, targetQuery, type ObservationFilter, type TargetFilter } from './filters';
import { Indicator } from './indicator';
import { Observation } from './observation';
import { Plan } from './plan';
import { Target } from './target';

export interface IndicatorsContext extends BaseContext {
  indicatorById: DataLoader<string, Indicator | null>;
  observationById: DataLoader<string, Observation | null>;
  planById: DataLoader<string, Plan | null>;
  targetById: DataLoader<string, Target | null>;
  observationsOfIndicator: DataLoader<string, Observation[]>;
  targetsOfIndicator: DataLoader<string, Target[]>;
  targetsOfPlan: DataLoader<string, Target[]>;
  plansOfRegion: DataLoader<string, Plan[]>;
  regionObservations: DataLoader<ScopedKey<ObservationFilter>, ConnectionShape<Observation>, string>;
  regionTargets: DataLoader<ScopedKey<TargetFilter>, ConnectionShape<Target>, string>;
  /** The observation a target is judged by: same indicator, same region, period = the target year. */
  observationForTarget: DataLoader<Target, Observation | null, string>;
}

const targetKey = (t: Pick<Target, 'indicatorId' | 'regionId' | 'year'>) => `${t.indicatorId}|${t.regionId ?? ''}|${t.year}`;

/** A region's figures and targets are its own: a city's are not its districts'. */
const sameRegion = (regionId: string, rowRegionId: string | null) => rowRegionId === regionId;

export function createContext(base: BaseContext): IndicatorsContext {
  const { dataSource } = base;
  const ctx: IndicatorsContext = {
    ...base,
    indicatorById: byIdLoader(dataSource, Indicator),
    observationById: byIdLoader(dataSource, Observation),
    planById: byIdLoader(dataSource, Plan),
    targetById: byIdLoader(dataSource, Target),
    observationsOfIndicator: byParentLoader(dataSource, Observation, 'indicatorId', 'period'),
    targetsOfIndicator: byParentLoader(dataSource, Target, 'indicatorId'),
    targetsOfPlan: byParentLoader(dataSource, Target, 'planId'),
    plansOfRegion: byParentLoader(dataSource, Plan, 'regionId'),
    regionObservations: regionScopedLoader(
      (regionIds, filter) => findObservations(dataSource, filter, regionIds),
      (o) => o.regionId,
      sameRegion,
    ),
    regionTargets: regionScopedLoader(
      async (regionIds, filter) => withAttainment(await targetQuery(dataSource, filter, regionIds).getMany(), filter?.attainment, ctx),
      (t) => t.regionId,
      sameRegion,
    ),
    observationForTarget: new DataLoader<Target, Observation | null, string>(
      async (targets) => {
        const rows = await dataSource.getRepository(Observation).findBy({
          indicatorId: In([...new Set(targets.map((t) => t.indicatorId))]),
          period: In([...new Set(targets.map((t) => String(t.year)))]),
        });
        const byKey = new Map<string, Observation>();
        for (const o of rows.sort((a, b) => a.id.localeCompare(b.id))) {
          const key = `${o.indicatorId}|${o.regionId ?? ''}|${o.period}`;
          if (!byKey.has(key)) byKey.set(key, o);
        }
        return targets.map((t) => byKey.get(targetKey(t)) ?? null);
      },
      { cacheKeyFn: targetKey },
    ),
  };
  return ctx;
}
