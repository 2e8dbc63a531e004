/** The little of Express's router internals needed to list what is mounted. */
export interface Layer {
  rawPath?: string;
  slash?: boolean;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every `METHOD /path` the app serves, walked from its router, so a route added without docs or a permission shows up. */
export function mountedRoutes(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) return Object.keys(layer.route.methods).map((m) => `${m} ${prefix}${layer.route!.path}`);
    if (layer.handle?.stack) return mountedRoutes(layer.handle.stack, layer.slash ? prefix : `${prefix}${layer.rawPath ?? ''}`);
    return [];
  });
}
