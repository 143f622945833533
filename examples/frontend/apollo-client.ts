import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

/** The persisted-queries link hashes with sha256, in hex: Web Crypto has it in browsers and Node. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** `uri` is the gateway's /graphql, e.g. https://graph.example.org/graphql. */
export function makeClient(uri: string, token?: string) {
  return new ApolloClient({
    link: ApolloLink.from([
      new PersistedQueryLink({ sha256 }), // optional: see Persisted documents
      new HttpLink({
        uri,
        headers: token ? { authorization: `Bearer ${token}` } : {}, // agencies only; reads need no token
      }),
    ]),
    cache: new InMemoryCache(),
  });
}
