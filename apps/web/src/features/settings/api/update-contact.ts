// PATCH /api/auth/me/contact/: a new email address (unverified until its link is opened) or time zone.

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ContactSettings, ContactSettingsUpdate } from '@webinar/contracts';
import { api } from '../../../lib/api-client.ts';
import { resourceKeys } from '../../../lib/query-keys.ts';
import { getContactQueryOptions } from './get-contact.ts';

export function updateContact(update: ContactSettingsUpdate): Promise<ContactSettings> {
  return api.patch<ContactSettings>('/api/auth/me/contact/', update);
}

export function useUpdateContact() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateContact,
    onSuccess: (contact) => {
      queryClient.setQueryData(getContactQueryOptions().queryKey, contact);
      // Whether email can be turned on depends on the address's status.
      void queryClient.invalidateQueries({ queryKey: resourceKeys.channelPreferences });
    },
  });
}
