import { describe, expect, it } from 'vitest';
import { allOperations } from '@/lib/openapi/operations';
import { buildMethodTable, disallowedMethod } from './allowed-methods';

describe('allowed methods of API paths', () => {
  const table = buildMethodTable(allOperations);

  it('refuses TRACE and methods a route does not serve, naming the ones it does', () => {
    expect(disallowedMethod(table, '/api/clusters/local/topics/orders/messages/search', 'TRACE')).toEqual([
      'GET',
      'HEAD',
      'OPTIONS',
    ]);
    expect(disallowedMethod(table, '/api/clusters/local/topics', 'DELETE')).toEqual([
      'GET',
      'HEAD',
      'OPTIONS',
      'POST',
    ]);
    expect(disallowedMethod(table, '/api/health', 'PUT')).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });

  it('lets through the methods a route serves, and paths that are no route', () => {
    expect(disallowedMethod(table, '/api/clusters/local/topics/orders', 'DELETE')).toBeNull();
    expect(disallowedMethod(table, '/api/clusters/local/topics/orders/', 'get')).toBeNull();
    expect(disallowedMethod(table, '/api/clusters/local/overview', 'HEAD')).toBeNull();
    expect(disallowedMethod(table, '/api/nothing/here', 'TRACE')).toBeNull();
  });
});
