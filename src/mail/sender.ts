/** A mailbox as Nodemailer takes it and as the mail shows it: `"name" <address>`, or the address alone without a name. */
export interface Mailbox {
  name: string;
  address: string;
}

/** Who a campaign mail is from and where replies go. */
export interface Sender {
  from: Mailbox;
  replyTo: string | null;
}

/** The campaign's own sender fields; empty strings mean "not filled in". */
export type SenderFields = { fromName: string; fromEmail: string; replyTo: string | null };

/**
 * Each part the campaign fills in wins, each part it leaves empty comes from
 * the default (MAIL_FROM): a From name alone goes out from the default
 * address under that name, an address alone under the default name.
 */
export function senderOf(campaign: SenderFields, defaults: Mailbox): Sender {
  return {
    from: {
      name: campaign.fromName.trim() || defaults.name,
      address: campaign.fromEmail.trim() || defaults.address,
    },
    replyTo: campaign.replyTo?.trim() || null,
  };
}

/** The sender as Nodemailer's from/replyTo options. */
export function senderHeaders(sender: Sender): { from: Mailbox; replyTo?: string } {
  return { from: sender.from, ...(sender.replyTo ? { replyTo: sender.replyTo } : {}) };
}
