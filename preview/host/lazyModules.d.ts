export declare const lazyImports: Record<string, () => Promise<object>>;
