// The two ways a screen reports a failure: a banner over the page, and a line beside the control
// that failed. Both are announced to screen readers; nothing renders without a message.

export function ErrorBanner({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="banner banner-error" role="alert">
      {message}
    </div>
  );
}

export function InlineError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <span className="form-error" role="alert">
      {message}
    </span>
  );
}
