// The pieces the designer shares with the runtime UI (exported as `@crm/runtime-ui/ui`).
export { LoginScreen } from './login-screen';
export { ApiError, errorMessage, request } from '../api/client';
