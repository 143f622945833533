import 'reflect-metadata';

// What the gateway shares with the subgraphs lives in @hsg/core; subgraphs get it from here too.
export * from '@hsg/core';

export * from './authorization';
export * from './citation';
export * from './citation.resolver';
export * from './cited';
export * from './database-health';
export * from './dates';
export * from './db';
export * from './migrations';
export * from './scratch-database';
export * from './federation';
export * from './loaders';
export * from './main';
export * from './pagination';
export * from './division-list';
export * from './region-scope';
export * from './region-stub';
export * from './scoped-loader';
export * from './normalize';
export * from './pinyin';
export * from './search';
export * from './sql-page';
export * from './seeds';
export * from './subgraph';
export * from './vocabulary';
export * from './entity-resolver';
export * from './enums';
export * from './declaration';
export * from './rules';
export * from './audit';
export * from './authorization';
export * from './write';
export * from './mutations';
export * from './change-feed';
