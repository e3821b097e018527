/**
 * The first line of an error's message. Duck-typed, not `instanceof Error`: errors thrown by Node
 * itself can come from another realm (a jest VM context, a worker) and fail that check.
 */
export function errorText(error: unknown): string {
  const message =
    typeof error === 'object' && error !== null && 'message' in error
      ? String((error as { message: unknown }).message)
      : String(error);
  return message.split('\n')[0] ?? message;
}
