// Loaded with --import before anything else: any attempt to load `electron` (by ESM import or CommonJS
// require, from our code or a dependency) fails loudly. Proves the core runs under plain Node.
import Module, { register } from 'node:module';

const message = (specifier, parent) =>
  `electron was loaded by the core (${specifier} from ${parent}); it belongs only in the Electron shell`;

const original = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'electron' || request.startsWith('electron/')) throw new Error(message(request, parent?.filename));
  return original.call(this, request, parent, ...rest);
};

register(
  'data:text/javascript,' +
    encodeURIComponent(`export async function resolve(specifier, context, next) {
      if (specifier === 'electron' || specifier.startsWith('electron/')) {
        throw new Error(${JSON.stringify(message('electron', '').replace(' from )', ''))} + ' (from ' + context.parentURL + ')');
      }
      return next(specifier, context);
    }`),
);
