/**
 * The table of phone-number spellings the number tests share: numbers.test.ts runs every row through the provider's
 * `check`, `diff` and `read`; numbers.e2e.test.ts takes its impossible numbers for the engine's tier.
 */
/** A number of a property, its E.164 form and the spellings that must all mean it. */
export interface EqualRow {
    kind: string;
    property: string;
    e164: string;
    /** Other inputs the resource needs for this number (a SIP user under a domain). */
    with?: Record<string, unknown>;
    /** `telephony:defaultRegion`, when the spellings need one (the vendor's home region is used otherwise). */
    region?: string;
    spellings: string[];
    /** How the vendor's read shows it, in a spelling other than the declared one; absent: not observable. */
    answered?: string;
}

/** Impossible numbers: refused at check, naming the property, the value and why. */
export interface ImpossibleRow {
    kind: string;
    property: string;
    value: string;
    region?: string;
    why: RegExp;
}

export const SIP = "opentact:SipUser";
export const SMARTFLO = "smartflo:SmartfloUser";
export const IPPANEL = "ippanel:NumberAssignment";
export const CHIME = "chime:ChimeUserNumber";
export const VERIGATOR = "verigator:VerigatorUser";

export const EQUAL: EqualRow[] = [
    // OpenTact's own numbers are US and Canada: national forms are read there.
    { kind: SIP, property: "phoneNumber", e164: "+12029822917", spellings: ["+1 202 982 2917", "+1 (202) 982-2917", "0012029822917", "12029822917", "(202) 982-2917", "202.982.2917", "011 1 202 982 2917"], answered: "12029822917" },
    // OpenTact's docs' own example, outside the numbering plan: its rule is E.164's. Answered as bare digits, it reads as
    // the US national number (123) 456-7890 too; the reading state holds is the one taken.
    { kind: SIP, property: "phoneNumber", e164: "+1234567890", with: { sipDomain: "sandbox1.sip.opentact.org", sipConnectionUuid: undefined, gender: "Male" }, spellings: ["+1 234 567 890", "001234567890"], answered: "1234567890" },
    // Smartflo's docs show "+91…"; a mobile number written nationally is Indian (Smartflo's home).
    { kind: SMARTFLO, property: "number", e164: "+919812345678", spellings: ["+91 98123 45678", "+91-98123-45678", "0091 98123 45678", "98123 45678", "098123 45678", "919812345678"], answered: "9812345678" },
    // IPPanel's SMS service lines (the seed's +983000505) and mobiles; national forms are Iranian.
    { kind: IPPANEL, property: "number", e164: "+983000505", spellings: ["+98 300 0505", "0098 300 0505", "3000505", "983000505", "+98 (300) 0505"], answered: "0098 3000505" },
    { kind: IPPANEL, property: "number", e164: "+989123456789", spellings: ["0912 345 6789", "+98 912 345 6789"], answered: "09123456789" },
    // Chime has no home region: its own digits without `+`, international forms, or national ones in the stack's region.
    { kind: CHIME, property: "e164PhoneNumber", e164: "+12065550100", spellings: ["+1 (206) 555-0100", "0012065550100", "12065550100", "+1.206.555.0100"], answered: "12065550100" },
    { kind: CHIME, property: "e164PhoneNumber", e164: "+12065550101", region: "US", spellings: ["(206) 555-0101", "206-555-0101"], answered: "+1 206 555 0101" },
    // Verigator never shows the number: only check and diff.
    { kind: VERIGATOR, property: "phoneNumber", e164: "+37255512345", spellings: ["+372 5551 2345", "00372 5551 2345"] },
    { kind: VERIGATOR, property: "phoneNumber", e164: "+4915112345678", region: "DE", spellings: ["0151 12345678", "+49 151 12345678", "0049 (151) 1234-5678"] },
];

const PLAN = "must be a phone number of its country's numbering plan";
const E164 = "must be a phone number with an existing country calling code and at most 15 digits \\(E\\.164\\)";

export const IMPOSSIBLE: ImpossibleRow[] = [
    { kind: SIP, property: "phoneNumber", value: "12", why: new RegExp(`${E164}: too short for US \\(\\+1\\), read as a national number of US, the vendor's home region`) },
    { kind: SIP, property: "phoneNumber", value: "+999 123 4567", why: new RegExp(`${E164}: \\+999… starts with no country calling code that exists`) },
    { kind: SIP, property: "phoneNumber", value: "+1 2345 6789 0123 456", why: new RegExp(`${E164}: too long: 16 digits with the country code \\+1, and E\\.164 allows 15`) },
    { kind: SMARTFLO, property: "number", value: "+91 98123", why: new RegExp(`${PLAN}: too short for IN \\(\\+91\\)`) },
    { kind: SMARTFLO, property: "number", value: "+91 98123 45678 9", why: new RegExp(`${PLAN}: not a number of IN \\(\\+91\\)'s numbering plan`) },
    { kind: SMARTFLO, property: "number", value: "+91 98123 45678 90123", why: new RegExp(`${PLAN}: too long: 17 digits with the country code \\+91, and E\\.164 allows 15`) },
    { kind: SMARTFLO, property: "number", value: "98123-CALL", why: new RegExp(`${PLAN}: not a phone number`) },
    { kind: IPPANEL, property: "number", value: "+0 983000505", why: new RegExp(`${E164}: \\+098… starts with no country calling code`) },
    { kind: CHIME, property: "e164PhoneNumber", value: "+1 555 123 4567", why: new RegExp(`${PLAN}: not a number of \\+1's numbering plan \\(no such area code or range\\)`) },
    { kind: CHIME, property: "e164PhoneNumber", value: "(206) 555-0100", why: new RegExp(`${PLAN}: .*a national form needs a region \\(no region: set telephony:defaultRegion`) },
    { kind: CHIME, property: "e164PhoneNumber", value: "(206) 555-0100", region: "GB", why: new RegExp(`${PLAN}: .*read as a national number of GB, the stack's region \\(telephony:defaultRegion\\)`) },
    { kind: VERIGATOR, property: "phoneNumber", value: "+372 0000 0000", why: new RegExp(`${PLAN}: not a number of EE \\(\\+372\\)'s numbering plan`) },
    { kind: VERIGATOR, property: "phoneNumber", value: "+49 151 1234 5678 9012", why: new RegExp(`${PLAN}: too long`) },
];
