/**
 * Deepest nesting of arrays and objects accepted in a request's JSON (the body, or a GET's
 * `variables` and `extensions`). Apollo Router's JSON parser (serde_json) stops at 128 levels;
 * this is the same bound. No input type of the graph nests a tenth as deep, while graphql-js,
 * the response cache's key and the cost estimate walk values recursively: refusing here keeps
 * a 3,000-level value from ever reaching them.
 */
export const MAX_JSON_DEPTH = 128;

/**
 * Whether a parsed JSON value nests deeper than `max` levels (an array or object is one level,
 * a scalar none). Walks with an explicit stack, never recursion, so any depth that JSON.parse
 * accepted is measured without exhausting the call stack; it stops at the first path too deep.
 */
export function nestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** The message of a request refused for its nesting: which part, and the bound. */
export const tooDeepMessage = (part: string, max: number = MAX_JSON_DEPTH) =>
  `${part} nests deeper than ${max} levels of arrays and objects. Send flatter values; no input of this graph needs more. (MAX_JSON_DEPTH)`;
