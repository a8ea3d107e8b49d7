-- Timeline entries become a stable type plus parameters, so pages can word them in the reader's
-- language; `note` keeps only what a person typed (a cancellation or refund reason). Rows written
-- before this migration carried English sentences in `note`: they are moved into `params`.
alter table order_events add column params jsonb not null default '{}'::jsonb;

update order_events
   set params = jsonb_build_object('paymentId', substring(note from '^Payment (\S+) captured\.$')), note = ''
 where type = 'order.paid' and note ~ '^Payment \S+ captured\.$';

update order_events
   set params = jsonb_build_object('trackingNumber', substring(note from '^Tracking number (\S+)$')), note = ''
 where type = 'order.shipped' and note ~ '^Tracking number \S+$';

update order_events
   set type = 'order.expired', note = ''
 where type = 'order.cancelled' and actor = 'system' and note = 'Payment not received in time.';

update order_events
   set note = ''
 where type = 'order.refund_needed' and note = 'Cancelled after payment: refund the captured amount.';

update order_events
   set type = 'payment.captured_late',
       params = jsonb_build_object(
         'paymentId', substring(note from '^Payment (\S+) was captured'),
         'orderStatus', substring(note from 'after the order became (\w+);')),
       note = ''
 where type = 'order.refund_needed' and note ~ '^Payment \S+ was captured after the order became \w+; refund it\.$';

-- The failed payment's method was never in the note; the payments row still knows it (a one-off
-- data fix, so it reads that table here rather than through the payments module).
update order_events e
   set params = jsonb_build_object(
         'paymentId', substring(e.note from '^Payment (\S+) failed'),
         'method', coalesce((select p.method from payments p
                              where p.id = substring(e.note from '^Payment (\S+) failed')), 'other'),
         'failureCode', coalesce(substring(e.note from '^Payment \S+ failed: (\w+)\.$'), 'failed')),
       note = ''
 where e.type = 'payment.failed' and e.note ~ '^Payment \S+ failed(: \w+)?\.$';

-- "Refunded 12.00 CNY. <reason>": the amount moves to params, the staff's reason stays the note.
update order_events
   set params = jsonb_build_object(
         'amountMinor', round(substring(note from '^Refunded (\d+\.\d{2}) ')::numeric * 100)::bigint,
         'currency', substring(note from '^Refunded \d+\.\d{2} ([A-Z]{3})\.'),
         'paymentId', ''),
       note = btrim(substring(note from '^Refunded \d+\.\d{2} [A-Z]{3}\.(.*)$'))
 where type = 'payment.refunded' and note ~ '^Refunded \d+\.\d{2} [A-Z]{3}\.';
