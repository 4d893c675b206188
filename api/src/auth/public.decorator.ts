// @Public() lives in common/access, where every guard can read it. auth/jwt still imports IS_PUBLIC
// from here; point that import at common/access and delete this file.
export { IS_PUBLIC } from '../common/access/public.decorator.js';
