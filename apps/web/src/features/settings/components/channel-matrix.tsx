// The user's matrix of notification types by channels: a switch per cell, saved at once
// (optimistically, put back with the server's message if it refuses). Email and push need in-app;
// email needs a verified address, push a browser turned on above.
import type {
  ChannelPreferenceRow,
  ChannelSetting,
  ContactSettings,
  NotificationType,
} from '@webinar/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/ui/section.tsx';
import { ErrorMessage, ErrorState } from '../../../components/ui/states.tsx';
import { cn } from '../../../lib/cn.ts';
import { describeTiming } from '../../../lib/describe-timing.ts';
import { useChannelPreferences } from '../api/get-channel-preferences.ts';
import { useContact } from '../api/get-contact.ts';
import { useUpdateChannelPreferences } from '../api/update-channel-preferences.ts';

interface SwitchProps {
  label: string;
  checked: boolean;
  disabled: boolean;
  describedBy?: string | undefined;
  onChange: (checked: boolean) => void;
}

/** An on/off switch: a button with role="switch", so Space and Enter toggle it. */
export function Switch({ label, checked, disabled, describedBy, onChange }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      aria-describedby={describedBy}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={cn(
        'relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition-colors',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
        'disabled:cursor-not-allowed disabled:opacity-50',
        checked ? 'bg-indigo-600' : 'bg-slate-300',
      )}
    >
      <span
        aria-hidden
        className={cn(
          'inline-block size-5 rounded-full bg-white shadow transition-transform',
          checked ? 'translate-x-5.5' : 'translate-x-0.5',
        )}
      />
    </button>
  );
}

type Change = { in_app?: boolean; email?: boolean | null; push?: boolean | null };

interface CellProps {
  channelLabel: string;
  typeLabel: string;
  setting: ChannelSetting;
  /** Shown as off, whatever is stored (email while in-app is off). */
  forcedOff?: boolean;
  /** Why the switch cannot be used, shown under it; null when it can. */
  reason: string | null;
  /** The id of a shared explanation (e.g. above the table) instead of a reason of its own. */
  reasonId?: string | undefined;
  onChange: (enabled: boolean) => void;
  onReset?: (() => void) | undefined;
}

function Cell({
  channelLabel,
  typeLabel,
  setting,
  forcedOff,
  reason,
  reasonId,
  onChange,
  onReset,
}: CellProps) {
  const { t } = useTranslation('settings');
  const ownReasonId = useId();
  const disabled = reason !== null || !setting.editable || reasonId !== undefined;
  const describedBy = reasonId ?? (reason ? ownReasonId : undefined);
  return (
    <div className="flex flex-col items-start gap-1">
      <Switch
        label={t('matrix.switch', { channel: channelLabel, type: typeLabel })}
        checked={forcedOff ? false : setting.enabled}
        disabled={disabled}
        describedBy={describedBy}
        onChange={onChange}
      />
      {reason ? (
        <span id={ownReasonId} className="text-xs text-slate-500">
          {reason}
        </span>
      ) : setting.is_default ? (
        <span className="text-xs text-slate-600">{t('matrix.default')}</span>
      ) : onReset && !disabled ? (
        <button
          type="button"
          onClick={onReset}
          aria-label={t('matrix.resetLabel', { channel: channelLabel, type: typeLabel })}
          className="rounded text-xs font-medium text-indigo-600 hover:text-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {t('matrix.reset')}
        </button>
      ) : (
        <span className="text-xs text-slate-600">{t('matrix.yourChoice')}</span>
      )}
    </div>
  );
}

const HEAD = 'px-2 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase sm:px-4';
/** Three channel columns still leave the type room at 390 px. */
const COLUMN = 'w-[4.75rem] sm:w-32';
const CELL = 'px-2 py-3 sm:px-4';

function MatrixSkeleton() {
  const { t } = useTranslation('settings');
  return (
    <div
      role="status"
      aria-label={t('matrix.loading')}
      className="motion-safe:animate-pulse space-y-3 px-4 pb-4 sm:px-6"
    >
      {Array.from({ length: 7 }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
        <div key={index} className="flex items-center gap-4">
          <div className="h-10 flex-1 rounded bg-slate-100" />
          <div className="h-6 w-11 rounded-full bg-slate-200" />
          <div className="h-6 w-11 rounded-full bg-slate-200" />
          <div className="h-6 w-11 rounded-full bg-slate-200" />
        </div>
      ))}
    </div>
  );
}

type EmailBlocker = Exclude<ContactSettings['email_status'], 'verified'>;

/** What keeps email off for every type (the address's status), or null when nothing does. */
function emailBlocker(contact: ContactSettings | undefined): EmailBlocker | null {
  return !contact || contact.email_status === 'verified' ? null : contact.email_status;
}

export function ChannelMatrix() {
  const { t } = useTranslation(['settings', 'common']);
  const preferences = useChannelPreferences();
  const contact = useContact();
  const update = useUpdateChannelPreferences();
  const [failedType, setFailedType] = useState<NotificationType | null>(null);
  const blockerId = useId();
  const blocker = emailBlocker(contact.data);

  const change = (type: NotificationType, next: Change) => {
    setFailedType(null);
    update.mutate({ [type]: next }, { onError: () => setFailedType(type) });
  };

  return (
    <Section title={t('matrix.title')} description={t('matrix.description')} flush>
      {preferences.isPending ? (
        <MatrixSkeleton />
      ) : preferences.isError ? (
        <div className="px-4 sm:px-6">
          <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
        </div>
      ) : (
        <>
          {blocker ? (
            <p
              id={blockerId}
              className="mx-4 mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 sm:mx-6"
            >
              {t(`matrix.emailBlocked.${blocker}`)}
            </p>
          ) : null}
          {update.isError ? (
            <div className="mx-4 mb-3 sm:mx-6">
              <ErrorMessage error={update.error} />
              {failedType ? (
                <p className="mt-1 text-xs text-slate-500">
                  {t('matrix.notSaved', { type: t(`common:notificationType.${failedType}`) })}
                </p>
              ) : null}
            </div>
          ) : null}
          <table className="w-full table-fixed divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={HEAD}>
                  {t('common:filters.type')}
                </th>
                <th scope="col" className={cn(HEAD, COLUMN)}>
                  {t('common:channel.in_app')}
                </th>
                <th scope="col" className={cn(HEAD, COLUMN)}>
                  {t('common:channel.email')}
                </th>
                <th scope="col" className={cn(HEAD, COLUMN)}>
                  {t('common:channel.push')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {preferences.data.results.map((row) => (
                <MatrixRow
                  key={row.notification_type}
                  row={row}
                  blockerId={blocker ? blockerId : undefined}
                  onChange={(next) => change(row.notification_type, next)}
                />
              ))}
            </tbody>
          </table>
        </>
      )}
    </Section>
  );
}

function MatrixRow({
  row,
  blockerId,
  onChange,
}: {
  row: ChannelPreferenceRow;
  blockerId: string | undefined;
  onChange: (change: Change) => void;
}) {
  const { t } = useTranslation(['settings', 'common']);
  const typeLabel = t(`common:notificationType.${row.notification_type}`);
  const inAppReason = row.in_app.editable ? null : t('matrix.alwaysOn');
  const emailReason = blockerId ? null : !row.in_app.enabled ? t('matrix.needsInApp') : null;
  const pushReason = !row.in_app.enabled ? t('matrix.needsInApp') : null;
  return (
    <tr className="align-top">
      <th scope="row" className="px-2 py-3 text-left font-normal sm:px-4">
        <span className="block font-medium break-words text-slate-900">{typeLabel}</span>
        <span className="block text-xs break-words text-slate-500">
          {t('matrix.emailTiming', { timing: describeTiming(row.email_timing, row.email_delay_minutes) })}
        </span>
        <span className="block text-xs break-words text-slate-500">
          {t('matrix.pushTiming', { timing: describeTiming(row.push_timing, row.push_delay_minutes) })}
        </span>
      </th>
      <td className={CELL}>
        <Cell
          channelLabel={t('common:channel.in_app')}
          typeLabel={typeLabel}
          setting={row.in_app}
          reason={inAppReason}
          onChange={(enabled) => onChange({ in_app: enabled })}
          onReset={() => onChange({ in_app: true })}
        />
      </td>
      <td className={CELL}>
        <Cell
          channelLabel={t('common:channel.email')}
          typeLabel={typeLabel}
          setting={row.email}
          forcedOff={!row.in_app.enabled}
          reason={emailReason}
          reasonId={blockerId}
          onChange={(enabled) => onChange({ email: enabled })}
          onReset={() => onChange({ email: null })}
        />
      </td>
      <td className={CELL}>
        <Cell
          channelLabel={t('common:channel.push')}
          typeLabel={typeLabel}
          setting={row.push}
          forcedOff={!row.in_app.enabled}
          reason={pushReason}
          onChange={(enabled) => onChange({ push: enabled })}
          onReset={() => onChange({ push: null })}
        />
      </td>
    </tr>
  );
}
