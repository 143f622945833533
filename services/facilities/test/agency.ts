import { type Caller, createLogger } from '@hsg/core';
import { baseContext, type BaseContext, type RunningSubgraph } from '@hsg/framework';

/** Guangzhou's health commission as a write's caller: facilities:write within 440100. */
export const gz: Caller = {
  kind: 'agency',
  agency: 'gz-health-commission',
  scopes: ['facilities:write'],
  regions: ['440100'],
  tokenId: null,
  expiresAt: new Date(Date.now() + 3_600_000),
  trustedDocumentsOnly: false,
};

/** The context a write through `server` runs in, for `caller`. */
export const contextOf = (server: RunningSubgraph, caller: Caller): BaseContext =>
  baseContext(server.dataSource, server.regions, { requestId: 'test', caller, authorization: null }, createLogger('test', 'silent'));

/** The notice the test writes cite. */
export const source = { title: '广州市卫生健康委员会关于南沙新院区启用的通知', date: '2026-11-30' };
