// The English catalogue: the source of every key. Placeholders are {{name}}; numbers
// passed as placeholders are formatted for the locale. A key ending in .one/.other
// is a plural pair, picked by the count (Intl.PluralRules).
export const en = {
  // Mail: layout and shared partials
  'mail.viewInBrowser': 'View in browser',
  'mail.greeting': 'Hi {{name}},',
  'mail.greetingNoName': 'Hi there,',
  'mail.footer.why': 'You receive this email because you subscribed to news from {{brand}}.',
  'mail.footer.whySystem': 'You receive this email because someone entered this address on a {{brand}} form.',
  'mail.footer.unsubscribe': 'Unsubscribe',
  'mail.footer.preferences': 'Email preferences',

  // Mail: double opt-in
  'mail.confirm.subject': 'Please confirm your subscription to {{list}}',
  'mail.confirm.preheader': 'One click and you are subscribed.',
  'mail.confirm.heading': 'Please confirm your subscription to {{list}}',
  'mail.confirm.body':
    'Please confirm that you want to receive emails from {{brand}} at {{email}}. If you did not ask for this, ignore this email and you will not hear from us again.',
  'mail.confirm.button': 'Yes, subscribe me',

  // Mail: poll
  'mail.poll.scaleNps': '0: not at all likely, 10: extremely likely',
  'mail.poll.scaleCsat': '1: very dissatisfied, 5: very satisfied',
  'mail.poll.oneClick': 'One click records your answer.',
  'mail.poll.oneClickThenComment':
    'One click records your answer; on the next page you can tell us more: “{{prompt}}”.',
  'mail.poll.changeLater': 'You can change your answer later.',
  'mail.poll.closesOn': 'This poll closes on {{date}}.',

  // Mail: discount and trial
  'mail.discount.percentOff': '{{value}} off',
  'mail.discount.amountOff': '{{value}} off',
  'mail.discount.freeShipping': 'Free shipping',
  'mail.discount.trialOffer': '{{days}} days of {{plan}}, free',
  'mail.discount.startTrial': 'Start my {{days}}-day trial',
  'mail.discount.yourCode': 'Your code',
  'mail.discount.yourPersonalCode': 'Your personal code',
  'mail.discount.validUntil': 'Valid until {{until}}.',
  'mail.discount.validFromUntil': 'Valid from {{from}} until {{until}}.',
  'mail.discount.minOrder': 'On orders of {{amount}} or more.',
  'mail.discount.shopNow': 'Shop now',

  // Mail: loyalty
  'mail.loyalty.balance': 'Your points balance',
  'mail.loyalty.bonusWaiting': '+{{points}} bonus points are waiting for you',
  'mail.loyalty.bonusAdded': 'Including {{points}} bonus points we just added',
  'mail.loyalty.collect': 'Collect my bonus',
  'mail.loyalty.rewards': 'What your points buy',
  'mail.loyalty.points.one': '{{count}} point',
  'mail.loyalty.points.other': '{{count}} points',

  // Mail: knowledge
  'mail.knowledge.type.article': 'Article',
  'mail.knowledge.type.course': 'Course',
  'mail.knowledge.type.forum': 'Forum',
  'mail.knowledge.type.tip': 'Tip',
  'mail.knowledge.type.expert': 'Ask an expert',
  'mail.knowledge.action.article': 'Read the article',
  'mail.knowledge.action.course': 'Start the course',
  'mail.knowledge.action.forum': 'Join the discussion',
  'mail.knowledge.action.tip': 'See the tip',
  'mail.knowledge.action.expert': 'Ask your question',

  // Mail: gift
  'mail.gift.claimCode': 'Get my gift code',
  'mail.gift.claimDownload': 'Download my gift',
  'mail.gift.claimShipped': 'Claim my gift',
  'mail.gift.onePerPerson': 'One per person.',
  'mail.gift.onePerPersonStock': 'One per person, while {{stock}} last.',
  'mail.gift.claimBy': 'Claim by {{date}}.',

  // Mail: contest
  'mail.contest.prize': 'The prize',
  'mail.contest.prizeEach': 'The prize for each of {{winners}} winners',
  'mail.contest.enterBefore': 'Enter before {{date}}',
  'mail.contest.question': 'To enter, answer one question: {{question}}',
  'mail.contest.enter': 'Enter the contest',
  'mail.contest.rules': 'The rules',
  'mail.contest.referral.one':
    'After entering you get a personal link to share: each friend who enters through it earns you {{count}} extra entry.',
  'mail.contest.referral.other':
    'After entering you get a personal link to share: each friend who enters through it earns you {{count}} extra entries.',
  'mail.contest.won.subject': 'You won: {{title}}',
  'mail.contest.won.body': 'You won “{{title}}”: {{prize}}.',
  'mail.contest.won.next': 'We will contact you shortly about delivering your prize.',

  // Poll answer labels (also shown on the answer pages)
  'poll.yes': 'Yes',
  'poll.no': 'No',

  // Pages: shared
  'page.notFound.title': 'Link not found',
  'page.notFound.heading': 'This link does not work',
  'page.notFound.body': 'The link may have been copied incompletely, or it belongs to an email that no longer exists.',
  'page.notFound.typed': 'If you typed it, please check it and try again.',
  'page.unavailable.title': 'Please try again',
  'page.unavailable.heading': 'Something went wrong on our side',
  'page.unavailable.body': 'Please try the link again in a minute.',
  'page.thankYou': 'Thank you',
  'page.viewGone.title': 'This email is not available',
  'page.viewGone.body': 'The link is incomplete, or the email no longer exists.',

  // Pages: poll
  'page.poll.closed.title': 'This poll is closed',
  'page.poll.closed.body': 'Thank you for your interest. Answers are no longer being collected.',
  'page.poll.recording': 'Recording your answer',
  'page.poll.yourAnswer': 'Your answer: {{label}}',
  'page.poll.send': 'Send my answer',
  'page.poll.answerFirst.title': 'Please answer first',
  'page.poll.answerFirst.body': 'Pick an answer in the email first, then tell us more.',
  'page.poll.commentThanks': 'We read every comment. Thank you for taking the time.',
  'page.poll.thanks.title': 'Thank you for your answer',
  'page.poll.thanks.recorded': 'We recorded your answer: {{label}}.',
  'page.poll.thanks.recordedNoLabel': 'Your answer is recorded.',
  'page.poll.thanks.change': 'You can change it by clicking another answer in the email.',
  'page.poll.commentPrompt': 'Anything you would like to add?',
  'page.poll.sendComment': 'Send comment',

  // Pages: gift
  'page.gift.expired.title': 'This gift has expired',
  'page.gift.expired.body': 'The claim period is over. Thank you for being with us; there will be more.',
  'page.gift.gone.title': 'All gone',
  'page.gift.gone.body': 'Every gift has been claimed. We are sorry you missed it; there will be more.',
  'page.gift.field.name': 'Name',
  'page.gift.field.street': 'Street and number',
  'page.gift.field.postcode': 'Postcode',
  'page.gift.field.city': 'City',
  'page.gift.field.country': 'Country',
  'page.gift.claimedAgain': 'You already claimed this gift.',
  'page.gift.claimed': 'Your gift is claimed. Enjoy!',
  'page.gift.download': 'Download',
  'page.gift.willShip': 'We will ship it to the address you gave us.',
  'page.gift.claim': 'Claim my gift',
  'page.gift.fillAddress': 'Please fill in every field of the address.',
  'page.gift.where': 'Where should we send it?',
  'page.gift.busy.title': 'One moment',
  'page.gift.busy.body': 'Your claim is being processed. Reload this page in a moment.',

  // Pages: contest
  'page.contest.notStarted.title': 'Not open yet',
  'page.contest.notStarted.body': 'This contest has not started yet. Please come back later.',
  'page.contest.ended.title': 'This contest has ended',
  'page.contest.ended.body': 'Entries are closed. Winners are drawn at random and notified by email.',
  'page.contest.invalidEmail': 'Please enter a valid email address.',
  'page.contest.almost.title': 'Almost there',
  'page.contest.almost.body': 'Please confirm your subscription with the link we sent you.',
  'page.contest.welcome.title': 'Welcome!',
  'page.contest.welcome.body': 'Thank you for joining our newsletter. Watch your inbox for the next contest.',
  'page.contest.draw.title': 'How this draw is kept fair',
  'page.contest.draw.commitment':
    'On {{date}}, before entries closed, a secret number was locked in. Its fingerprint (sha256) was published then: {{hash}}.',
  'page.contest.draw.commitmentLate':
    'On {{date}}, after entries closed, a secret number was locked in. Its fingerprint (sha256) was published then: {{hash}}.',
  'page.contest.draw.beacon':
    'The draw also uses public random number {{round}} of {{source}}, published on {{date}}, after entries closed, so nobody could know it in advance: {{url}}',
  'page.contest.draw.beaconValue': 'Its value: {{value}}.',
  'page.contest.draw.noBeacon':
    'This draw uses no public random number: entrants could not influence it, but whoever runs the contest has to be trusted not to.',
  'page.contest.draw.frozen':
    'On {{date}}, after entries closed, the list of {{entries}} entries was frozen. Its fingerprint: {{digest}}.',
  'page.contest.draw.frozenLate':
    'The entry list was frozen after that public random number was out, so it could have been chosen knowing the outcome.',
  'page.contest.draw.drawn': 'Drawn on {{date}}. The secret number was {{seed}}.',
  'page.contest.draw.notYet': 'Not drawn yet.',
  'page.contest.draw.check':
    'Anyone can check the draw: download the audit file and run "node scripts/verify-draw.js" on it (it comes with the valuemail source code). It recomputes the winners from the published facts and says whether they match.',
  'page.contest.draw.download': 'Download the audit file (JSON)',
  'page.contest.yourEntry': 'Your entry in the published draw file: {{ref}}',
  'page.contest.prize': 'The prize: {{prize}}',
  'page.contest.enterBefore': 'Enter before {{date}}.',
  'page.contest.enter': 'Enter the contest',
  'page.contest.answerFirst': 'Please answer the question to enter.',
  'page.contest.share.one':
    'Share your personal link: every friend who joins through it earns you {{count}} extra entry.',
  'page.contest.share.other':
    'Share your personal link: every friend who joins through it earns you {{count}} extra entries.',
  'page.contest.shareLabel': 'Your referral link',
  'page.contest.copy': 'Copy link',
  'page.contest.copied': 'Copied',
  'page.contest.shareByMail': 'Send by email',
  'page.contest.shareByWhatsapp': 'Share on WhatsApp',
  'page.contest.shareMessage': 'Join me in “{{title}}”: {{url}}',
  'page.contest.in.title': 'You are in!',
  'page.contest.inAgain.title': 'You are already in',
  'page.contest.goodLuck': 'Good luck! Winners are drawn after {{date}} and notified by email.',
  'page.contest.invited':
    'A friend invited you. Join our newsletter to hear about contests like this one (the prize: {{prize}}).',
  'page.contest.join': 'Join',
  'page.contest.yourEmail': 'Your email',
  'page.contest.yourName': 'Your name',

  // Pages: loyalty
  'page.loyalty.yourPoints': 'Your points',
  'page.loyalty.collect.title': 'Collect {{points}} bonus points',
  'page.loyalty.collect.button': 'Collect my bonus',
  'page.loyalty.added': '{{points}} bonus points added',
  'page.loyalty.already': 'Bonus already collected',
  'page.loyalty.balance': 'Your balance is now {{points}} points.',

  // Pages: service
  'page.service.useLinkFirst': 'Please use the link in the email first',
  'page.service.noteThanks': 'We have your note and will be in touch.',
  'page.service.onIt': '{{offer}}: we are on it',
  'page.service.requested': 'Your request is in. We will get back to you by email.',
  'page.service.sendNote': 'Send note',
  'page.service.notePrompt': 'Anything we should know? (optional)',

  // Pages: trial
  'page.trial.running': 'Your trial is running',
  'page.trial.started': 'Your trial has started',
  'page.trial.plan': 'Plan: {{plan}}.',
  'page.trial.until': 'It runs until {{date}}. Enjoy!',
  'page.trial.offer.title': 'Start your {{days}}-day trial',
  'page.trial.offer.body': 'Plan: {{plan}}. No payment details needed.',
  'page.trial.start': 'Start my trial',

  // Pages: unsubscribe and preferences
  'page.unsubscribe.manage': 'Manage your subscription',
  'page.unsubscribe.mailFor': 'Mail for {{email}}.',
  'page.unsubscribe.fromList': 'Unsubscribe from {{list}}',
  'page.unsubscribe.fromAll': 'Unsubscribe from all mail',
  'page.unsubscribe.done.title': 'You are unsubscribed',
  'page.unsubscribe.done.body': 'You will not receive any more mail from us.',
  'page.unsubscribe.list.title': 'Unsubscribed',
  'page.unsubscribe.list.body': 'You will no longer receive mail for that list.',
  'page.feedback.question': 'Would you tell us why you left?',
  'page.feedback.optional': '(optional)',
  'page.feedback.reason_too_many': 'Too many mails',
  'page.feedback.reason_not_relevant': 'The content is not relevant to me',
  'page.feedback.reason_never_signed_up': 'I never signed up for this',
  'page.feedback.reason_other': 'Something else',
  'page.feedback.note': 'Anything you want to add (optional)',
  'page.feedback.send': 'Send my answer',
  'page.feedback.thanks.title': 'Thank you',
  'page.feedback.thanks.body': 'Your answer helps us send better mail. You stay unsubscribed.',
  'page.feedback.pick.title': 'Pick one of the answers',
  'page.feedback.pick.body':
    'Choose the answer closest to yours, or simply close this page: you are unsubscribed either way.',
  'page.rejoin.heading': 'Lists you left',
  'page.rejoin.button': 'Join {{list}} again',
  'page.rejoin.done.title': 'Welcome back',
  'page.rejoin.done.body': 'You are on {{list}} again and will receive its mail from now on.',
  'page.rejoin.confirm.title': 'Check your inbox',
  'page.rejoin.confirm.body':
    'We sent you a mail to confirm that you want to join {{list}} again. Click the link in it and you are back.',
  'page.rejoin.unknown.title': 'Nothing to change',
  'page.rejoin.unknown.body': 'You are already on that list, or it no longer exists.',

  // Pages: double opt-in and the public subscribe form
  'page.confirm.invalid.title': 'Link not valid',
  'page.confirm.invalid.heading': 'This link is not valid',
  'page.confirm.invalid.body': 'It may have been mistyped or cut off. Subscribe again to get a new one.',
  'page.confirm.title': 'Confirm your subscription',
  'page.confirm.question': 'Please confirm that you want to receive {{list}}.',
  'page.confirm.button': 'Yes, subscribe me',
  'page.confirm.late.title': 'Not subscribed',
  'page.confirm.late.body':
    'This subscription can no longer be confirmed. Subscribe again if you want to receive {{list}}.',
  'page.confirm.done.title': 'Subscription confirmed',
  'page.confirm.done.heading': 'Thank you!',
  'page.confirm.done.body': 'You are now subscribed to {{list}}.',
  'form.subscribe.checkInbox': 'Thank you! Please check your inbox: we sent you a link to confirm your subscription.',
  'form.subscribe.received': 'Thank you! Your subscription has been received.',
  'form.subscribe.problem': 'That did not work',
  'form.subscribe.invalidEmail': 'Please enter a valid email address.',
  'form.subscribe.tooMany': 'Too many attempts from your connection. Please try again in a minute.',
  'form.subscribe.checkFailed':
    'The form could not check that you are not a robot. Please reload the page and send it again.',
} as const;

export type MessageKey = keyof typeof en;
