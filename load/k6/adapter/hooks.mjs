// Module hooks: the k6 modules a script imports resolve to the adapter's.
const MODULES = {
  k6: new URL('./k6.mjs', import.meta.url).href,
  'k6/http': new URL('./http.mjs', import.meta.url).href,
  'k6/metrics': new URL('./metrics.mjs', import.meta.url).href,
};

export async function resolve(specifier, context, next) {
  if (specifier in MODULES) return { url: MODULES[specifier], shortCircuit: true };
  return next(specifier, context);
}
