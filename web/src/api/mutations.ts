import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { invalidatePaths } from './invalidate';
import { notifySuccess, type FormLike } from './queries';

/** One write to the API: where, how, with what. */
export interface ResourceRequest {
  path: string;
  method?: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
}

export interface ResourceMutationOptions<Values, Answer> {
  /** The request for the values the form (or button) hands over. */
  request: (values: Values) => ResourceRequest;
  /** Path prefixes whose cached answers the write makes stale ('/products' also drops '/products/123'). */
  invalidates: string[];
  /** The notification after success: a message, or one made from the answer. */
  success?: string | ((answer: Answer, values: Values) => string);
  /** Field errors of a refusal go next to this form's fields (see createQueryClient's mutation cache). */
  form?: FormLike;
  /** After the caches are refreshed and the notification shown: close a dialog, open the new record... */
  onDone?: (answer: Answer, values: Values) => void;
}

/**
 * The one way screens write: request → invalidate what it changed → notify → onDone. Errors need no
 * handling here: the query client's mutation cache shows them (on the form's fields when `form` is given).
 */
export function useResourceMutation<Values, Answer = unknown>(options: ResourceMutationOptions<Values, Answer>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: Values) => {
      const { path, method = 'POST', body } = options.request(values);
      return api<Answer>(path, { method, body });
    },
    meta: options.form ? { form: options.form } : undefined,
    onSuccess: async (answer, values) => {
      await invalidatePaths(queryClient, ...options.invalidates);
      if (options.success) notifySuccess(typeof options.success === 'string' ? options.success : options.success(answer, values));
      options.onDone?.(answer, values);
    },
  });
}

/** A POST that creates a record of `path`: invalidates `path` (and any other prefixes named). */
export function useCreate<Values, Answer = unknown>(
  path: string,
  options: Omit<ResourceMutationOptions<Values, Answer>, 'request' | 'invalidates'> & { body: (values: Values) => unknown; invalidates?: string[] },
) {
  return useResourceMutation<Values, Answer>({ ...options, request: (values) => ({ path, method: 'POST', body: options.body(values) }), invalidates: [path, ...(options.invalidates ?? [])] });
}
