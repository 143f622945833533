/**
 * A record's globalId from its type and id: base64url("<Type>:<id>") without padding (graphql-relay's
 * toGlobalId, URL-safe). globalIdOf('Facility', 'bio-island-laboratory') is 'RmFjaWxpdHk6YmlvLWlzbGFuZC1sYWJvcmF0b3J5'.
 */
export function globalIdOf(type: string, id: string): string {
  const bytes = new TextEncoder().encode(`${type}:${id}`);
  const base64 = btoa(String.fromCharCode(...bytes));
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
