/** The sender's look and legal footer: stored in settings (GET/PATCH /api/settings), defaults below. */
export interface BrandSettings {
  name: string;
  /** http(s) URL of the logo shown in the header; the name is shown when absent. */
  logoUrl: string | null;
  /** Hex colour of the header and buttons. */
  color: string;
  /** Required in marketing email (CAN-SPAM, ePrivacy); empty until set (the review step warns), never a placeholder text. */
  postalAddress: string;
  /** http(s) URL linked in the footer. */
  website: string | null;
}

export const DEFAULT_BRAND: BrandSettings = {
  name: 'valuemail',
  logoUrl: null,
  color: '#4f46e5',
  postalAddress: '',
  website: null,
};

const WEB_URL = /^https?:\/\/[^\s"'<>]+$/i;

/** A brand with defaults for what is missing and nothing unsafe in colour or logo. */
export function resolveBrand(brand: Partial<BrandSettings> | undefined): BrandSettings {
  const color = brand?.color && /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(brand.color) ? brand.color : DEFAULT_BRAND.color;
  const logoUrl = brand?.logoUrl && WEB_URL.test(brand.logoUrl) ? brand.logoUrl : null;
  const website = brand?.website && WEB_URL.test(brand.website) ? brand.website : null;
  return {
    name: brand?.name?.trim() || DEFAULT_BRAND.name,
    logoUrl,
    color,
    postalAddress: brand?.postalAddress?.trim() || DEFAULT_BRAND.postalAddress,
    website,
  };
}
