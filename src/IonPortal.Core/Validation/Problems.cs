namespace IonPortal.Core.Validation;

/// <summary>
/// The vocabulary of problems the domain answers with, in one place: each a key of Problems.resx
/// (English) and Problems.es.resx (Spanish), some with arguments (a limit, a length). Services
/// name them here; the web shows <see cref="Problem.Text"/> in the reader's language.
/// </summary>
public static class Problems
{
    /// <summary>Text longer than the field keeps.</summary>
    public static Problem TooLong(int limit) => new(nameof(TooLong), limit);

    /// <summary>Text shorter than the rule asks (a password).</summary>
    public static Problem TooShort(int minimum) => new(nameof(TooShort), minimum);

    // Signing in
    public static readonly Problem WrongCredentials = new(nameof(WrongCredentials));
    public static Problem LockedOut(int minutes) => new(nameof(LockedOut), minutes);
    public static readonly Problem AccessRemoved = new(nameof(AccessRemoved));
    public static readonly Problem CompanyInactive = new(nameof(CompanyInactive));

    /// <summary>Identity refused a password for a reason of its own (its rules beyond the length are off).</summary>
    public static readonly Problem PasswordNotAccepted = new(nameof(PasswordNotAccepted));

    // Price books
    public static readonly Problem PriceBookNameRequired = new(nameof(PriceBookNameRequired));
    public static readonly Problem PriceBookNameTaken = new(nameof(PriceBookNameTaken));
    public static readonly Problem CurrencyUnsupported = new(nameof(CurrencyUnsupported));
    public static readonly Problem AdjustmentOutOfRange = new(nameof(AdjustmentOutOfRange));
    public static readonly Problem FixedPriceInvalid = new(nameof(FixedPriceInvalid));
    public static readonly Problem OnePriceOnly = new(nameof(OnePriceOnly));
    public static readonly Problem FixedOnlyForPlans = new(nameof(FixedOnlyForPlans));
    public static readonly Problem TargetMissing = new(nameof(TargetMissing));
    public static readonly Problem UsedByStorefront = new(nameof(UsedByStorefront));
    public static readonly Problem UsedByCustomers = new(nameof(UsedByCustomers));
    public static readonly Problem MayNotChangePriceBooks = new(nameof(MayNotChangePriceBooks));

    // Access requests
    public static readonly Problem ProviderAlreadyAuthorized = new(nameof(ProviderAlreadyAuthorized));
    public static readonly Problem ProviderAlreadyRequested = new(nameof(ProviderAlreadyRequested));

    // Deciding requests
    public static readonly Problem ReasonRequired = new(nameof(ReasonRequired));
    public static readonly Problem SupportPlanRequired = new(nameof(SupportPlanRequired));
    public static readonly Problem ProvidersRequired = new(nameof(ProvidersRequired));
    public static readonly Problem DecidedMeanwhile = new(nameof(DecidedMeanwhile));
    public static readonly Problem MayNotDecideRequests = new(nameof(MayNotDecideRequests));

    // Sign-up settings
    public static readonly Problem DomainsInvalid = new(nameof(DomainsInvalid));
    public static readonly Problem DefaultsRequired = new(nameof(DefaultsRequired));

    // Signing up
    public static readonly Problem SignUpClosed = new(nameof(SignUpClosed));
    public static readonly Problem DomainNotAccepted = new(nameof(DomainNotAccepted));
    public static readonly Problem AccountExists = new(nameof(AccountExists));
    public static readonly Problem AlreadyWaiting = new(nameof(AlreadyWaiting));
    public static readonly Problem AcceptTermsRequired = new(nameof(AcceptTermsRequired));

    // Nicknames
    public static readonly Problem NicknameRequired = new(nameof(NicknameRequired));
    public static readonly Problem NicknameMalformed = new(nameof(NicknameMalformed));

    // Onboarding resellers
    public static readonly Problem NicknameTaken = new(nameof(NicknameTaken));
    public static readonly Problem DisplayNameRequired = new(nameof(DisplayNameRequired));
    public static readonly Problem MayNotOnboardResellers = new(nameof(MayNotOnboardResellers));

    // The catalog
    public static readonly Problem NameRequired = new(nameof(NameRequired));
    public static readonly Problem VendorTaken = new(nameof(VendorTaken));
    public static readonly Problem ProductTaken = new(nameof(ProductTaken));
    public static readonly Problem VendorMissing = new(nameof(VendorMissing));
    public static readonly Problem CategoryRequired = new(nameof(CategoryRequired));
    public static readonly Problem ProviderMissing = new(nameof(ProviderMissing));
    public static readonly Problem SkuInvalid = new(nameof(SkuInvalid));
    public static readonly Problem SkuTaken = new(nameof(SkuTaken));
    public static readonly Problem UnitRequired = new(nameof(UnitRequired));
    public static readonly Problem PricesRequired = new(nameof(PricesRequired));
    public static readonly Problem PriceIncomplete = new(nameof(PriceIncomplete));
    public static readonly Problem PriceNegative = new(nameof(PriceNegative));
    public static readonly Problem UpgradeOutsideVendor = new(nameof(UpgradeOutsideVendor));
    public static readonly Problem MayNotChangeCatalog = new(nameof(MayNotChangeCatalog));

    // Customers
    public static readonly Problem CompanyRequired = new(nameof(CompanyRequired));
    public static readonly Problem FirstNameRequired = new(nameof(FirstNameRequired));
    public static readonly Problem LastNameRequired = new(nameof(LastNameRequired));
    public static readonly Problem PhoneInvalid = new(nameof(PhoneInvalid));
    public static readonly Problem LanguageUnsupported = new(nameof(LanguageUnsupported));
    public static readonly Problem BookMissing = new(nameof(BookMissing));
    public static readonly Problem BookInOtherCurrency = new(nameof(BookInOtherCurrency));
    public static readonly Problem SupportPlanMissing = new(nameof(SupportPlanMissing));
    public static readonly Problem ProviderUnknown = new(nameof(ProviderUnknown));
    public static readonly Problem DomainInvalid = new(nameof(DomainInvalid));
    public static readonly Problem MayNotChangeCustomers = new(nameof(MayNotChangeCustomers));

    // Postal addresses
    public static readonly Problem StreetRequired = new(nameof(StreetRequired));
    public static readonly Problem CityRequired = new(nameof(CityRequired));
    public static readonly Problem CountryRequired = new(nameof(CountryRequired));
    public static readonly Problem PostalCodeRequired = new(nameof(PostalCodeRequired));
    public static readonly Problem PostalCodeInvalid = new(nameof(PostalCodeInvalid));
    public static readonly Problem StateRequired = new(nameof(StateRequired));
    public static readonly Problem StateUnknown = new(nameof(StateUnknown));

    // A customer's people
    public static readonly Problem EmailTakenAtStorefront = new(nameof(EmailTakenAtStorefront));
    public static readonly Problem CustomerRoleInvalid = new(nameof(CustomerRoleInvalid));
    public static readonly Problem MayNotManageCustomerPeople = new(nameof(MayNotManageCustomerPeople));
    public static readonly Problem MayNotRequestProviders = new(nameof(MayNotRequestProviders));
    public static readonly Problem NotYourself = new(nameof(NotYourself));

    // Support plans
    public static readonly Problem SupportPlanNameRequired = new(nameof(SupportPlanNameRequired));
    public static readonly Problem SupportPlanNameTaken = new(nameof(SupportPlanNameTaken));
    public static readonly Problem NeedsAFee = new(nameof(NeedsAFee));
    public static readonly Problem PercentOfChargesOutOfRange = new(nameof(PercentOfChargesOutOfRange));
    public static readonly Problem FeeInvalid = new(nameof(FeeInvalid));
    public static readonly Problem FeeNeedsCurrency = new(nameof(FeeNeedsCurrency));
    public static readonly Problem MayNotChangeSupportPlans = new(nameof(MayNotChangeSupportPlans));

    // The storefront
    public static readonly Problem MayNotChangeStorefront = new(nameof(MayNotChangeStorefront));

    // The team
    public static readonly Problem MayNotManageTeam = new(nameof(MayNotManageTeam));
    public static readonly Problem OnlyOwnersManageOwners = new(nameof(OnlyOwnersManageOwners));
    public static readonly Problem LastOwner = new(nameof(LastOwner));
    public static readonly Problem EmailTakenInConsole = new(nameof(EmailTakenInConsole));
    public static readonly Problem EmailInvalid = new(nameof(EmailInvalid));
    public static readonly Problem StaffRoleInvalid = new(nameof(StaffRoleInvalid));
    public static readonly Problem AlreadyActive = new(nameof(AlreadyActive));

    // Emailed links
    public static readonly Problem InvalidLink = new(nameof(InvalidLink));

    // Microsoft (Partner Center), as a reseller should hear it
    public static readonly Problem DomainTaken = new(nameof(DomainTaken));
    public static readonly Problem ProviderBusy = new(nameof(ProviderBusy));
    public static readonly Problem ProviderRefusedDetails = new(nameof(ProviderRefusedDetails));
    public static readonly Problem ProviderNotAuthorized = new(nameof(ProviderNotAuthorized));
    public static readonly Problem ProviderFailed = new(nameof(ProviderFailed));
    public static readonly Problem ProviderTimedOut = new(nameof(ProviderTimedOut));
    public static readonly Problem ProviderUnreachable = new(nameof(ProviderUnreachable));

    // A customer's Microsoft tenant and agreement
    public static readonly Problem DomainPrefixInvalid = new(nameof(DomainPrefixInvalid));
    public static readonly Problem TenantAlreadyLinked = new(nameof(TenantAlreadyLinked));
    public static readonly Problem TenantIdOrDomainInvalid = new(nameof(TenantIdOrDomainInvalid));
    public static readonly Problem TenantNotAccepted = new(nameof(TenantNotAccepted));
    public static readonly Problem TenantLinkedToAnotherCustomer = new(nameof(TenantLinkedToAnotherCustomer));
    public static readonly Problem RegionUnknown = new(nameof(RegionUnknown));
    public static readonly Problem TenantNotLinked = new(nameof(TenantNotLinked));
    public static readonly Problem TenantNotLinkedYet = new(nameof(TenantNotLinkedYet));
    public static readonly Problem AgreementNotAccepted = new(nameof(AgreementNotAccepted));
    public static readonly Problem AgreementExpired = new(nameof(AgreementExpired));
    public static readonly Problem AgreementAlreadyAccepted = new(nameof(AgreementAlreadyAccepted));
    public static readonly Problem AttestationRequired = new(nameof(AttestationRequired));
    public static readonly Problem AcceptAgreementRequired = new(nameof(AcceptAgreementRequired));
    public static readonly Problem PhoneRequired = new(nameof(PhoneRequired));
    public static readonly Problem DateAcceptedRequired = new(nameof(DateAcceptedRequired));
    public static readonly Problem DateAcceptedInFuture = new(nameof(DateAcceptedInFuture));
    public static readonly Problem NotAnActiveCustomerAdmin = new(nameof(NotAnActiveCustomerAdmin));
    public static readonly Problem MayNotAcceptAgreements = new(nameof(MayNotAcceptAgreements));

    // Vendor programs and becoming a reseller
    public static readonly Problem ProgramUnknown = new(nameof(ProgramUnknown));
    public static readonly Problem ProgramAlreadyRequested = new(nameof(ProgramAlreadyRequested));
    public static readonly Problem ProgramAlreadyApproved = new(nameof(ProgramAlreadyApproved));
    public static readonly Problem ProgramNotApproved = new(nameof(ProgramNotApproved));
    public static readonly Problem MayNotRequestPrograms = new(nameof(MayNotRequestPrograms));
    public static readonly Problem MayNotDecidePrograms = new(nameof(MayNotDecidePrograms));
    public static readonly Problem PartnerIdInvalid = new(nameof(PartnerIdInvalid));
    public static readonly Problem ApplicationAlreadyWaiting = new(nameof(ApplicationAlreadyWaiting));

    // Reseller settings
    public static readonly Problem MayNotChangeSettings = new(nameof(MayNotChangeSettings));
    public static readonly Problem TimeZoneUnknown = new(nameof(TimeZoneUnknown));
    public static readonly Problem ColorInvalid = new(nameof(ColorInvalid));
    public static readonly Problem ColorLowContrast = new(nameof(ColorLowContrast));
    public static readonly Problem LogoTooLarge = new(nameof(LogoTooLarge));
    public static readonly Problem LogoNotAnImage = new(nameof(LogoNotAnImage));
    public static readonly Problem PortalAreasInvalid = new(nameof(PortalAreasInvalid));

    // Price lists
    public static readonly Problem PriceListEmpty = new(nameof(PriceListEmpty));
    public static readonly Problem PriceListColumnsMissing = new(nameof(PriceListColumnsMissing));
    public static readonly Problem PriceListValueRequired = new(nameof(PriceListValueRequired));
    public static readonly Problem PriceListSkuInvalid = new(nameof(PriceListSkuInvalid));
    public static readonly Problem PriceListTermInvalid = new(nameof(PriceListTermInvalid));
    public static readonly Problem PriceListBillingInvalid = new(nameof(PriceListBillingInvalid));
    public static readonly Problem PriceListBillingOutsideTerm = new(nameof(PriceListBillingOutsideTerm));
    public static readonly Problem PriceListCurrencyMixed = new(nameof(PriceListCurrencyMixed));
    public static readonly Problem PriceListAmountInvalid = new(nameof(PriceListAmountInvalid));
    public static readonly Problem PriceListDateInvalid = new(nameof(PriceListDateInvalid));
    public static Problem PriceListRowRepeated(int firstLine) => new(nameof(PriceListRowRepeated), firstLine);
    public static readonly Problem PriceListNoCommercialRows = new(nameof(PriceListNoCommercialRows));

    // Two-factor sign-in
    public static readonly Problem AuthenticatorCodeWrong = new(nameof(AuthenticatorCodeWrong));
    public static readonly Problem RecoveryCodeWrong = new(nameof(RecoveryCodeWrong));
    public static readonly Problem TwoFactorRequired = new(nameof(TwoFactorRequired));
    public static readonly Problem TwoFactorNotOn = new(nameof(TwoFactorNotOn));
    public static readonly Problem SignInExpired = new(nameof(SignInExpired));

    // Orders and subscriptions
    public static readonly Problem CartEmpty = new(nameof(CartEmpty));
    public static readonly Problem CustomerNotActive = new(nameof(CustomerNotActive));
    public static readonly Problem ProviderNotAuthorizedForCustomer = new(nameof(ProviderNotAuthorizedForCustomer));
    public static readonly Problem ProviderNotInPortal = new(nameof(ProviderNotInPortal));
    public static readonly Problem ProviderNotConnected = new(nameof(ProviderNotConnected));
    public static readonly Problem ResellerCannotSellYet = new(nameof(ResellerCannotSellYet));
    public static readonly Problem PlanUnavailable = new(nameof(PlanUnavailable));
    public static Problem QuantityOutOfRange(int min, int max) => new(nameof(QuantityOutOfRange), min, max);
    public static Problem TooManyLines(int limit) => new(nameof(TooManyLines), limit);
    public static readonly Problem CheckoutKeyMissing = new(nameof(CheckoutKeyMissing));
    public static readonly Problem MayNotPlaceOrders = new(nameof(MayNotPlaceOrders));
    public static readonly Problem OrderNotFailed = new(nameof(OrderNotFailed));
    public static readonly Problem OrderNotCancellable = new(nameof(OrderNotCancellable));
    public static readonly Problem ProviderRefusedOrder = new(nameof(ProviderRefusedOrder));
    public static Problem SeatsToAddOutOfRange(int most) => new(nameof(SeatsToAddOutOfRange), most);
    public static Problem ReducedSeatsOutOfRange(int min, int max) => new(nameof(ReducedSeatsOutOfRange), min, max);
    public static readonly Problem NoReductionPending = new(nameof(NoReductionPending));
    public static readonly Problem SubscriptionNotActive = new(nameof(SubscriptionNotActive));
    public static readonly Problem SubscriptionNotSuspended = new(nameof(SubscriptionNotSuspended));
    public static readonly Problem CancellationWindowClosed = new(nameof(CancellationWindowClosed));
    public static readonly Problem MayNotChangeSubscriptions = new(nameof(MayNotChangeSubscriptions));
    public static readonly Problem SubscriptionChangedMeanwhile = new(nameof(SubscriptionChangedMeanwhile));
    public static readonly Problem SubscriptionEnded = new(nameof(SubscriptionEnded));

    // Users and licences
    public static readonly Problem UserNameTaken = new(nameof(UserNameTaken));
    public static readonly Problem UserNameInvalid = new(nameof(UserNameInvalid));
    public static readonly Problem LicencesUsedUp = new(nameof(LicencesUsedUp));
    public static Problem ReduceBelowAssigned(int assigned) => new(nameof(ReduceBelowAssigned), assigned);

    // Plan changes
    public static readonly Problem PlanChangeRefused = new(nameof(PlanChangeRefused));
    public static readonly Problem PlanChangeNotAllowed = new(nameof(PlanChangeNotAllowed));
    public static readonly Problem NoDowngradePending = new(nameof(NoDowngradePending));

    // Google transfers
    public static readonly Problem TransferTokenInvalid = new(nameof(TransferTokenInvalid));
    public static readonly Problem TransferTokenRefused = new(nameof(TransferTokenRefused));
    public static readonly Problem GoogleFailed = new(nameof(GoogleFailed));

    // Click-to-run solutions
    public static readonly Problem ParameterRequired = new(nameof(ParameterRequired));
    public static readonly Problem ParameterNotAChoice = new(nameof(ParameterNotAChoice));
    public static readonly Problem ParameterMalformed = new(nameof(ParameterMalformed));
    public static readonly Problem SolutionNeedsParameters = new(nameof(SolutionNeedsParameters));
    public static readonly Problem DeploymentRefused = new(nameof(DeploymentRefused));

    // Billing
    public static readonly Problem MayNotManageBilling = new(nameof(MayNotManageBilling));
    public static readonly Problem MayNotViewBilling = new(nameof(MayNotViewBilling));
    public static readonly Problem UsageFileEmpty = new(nameof(UsageFileEmpty));
    public static readonly Problem UsageFileColumnsMissing = new(nameof(UsageFileColumnsMissing));
    public static readonly Problem UsageValueRequired = new(nameof(UsageValueRequired));
    public static readonly Problem UsageDateInvalid = new(nameof(UsageDateInvalid));
    public static readonly Problem UsageAmountInvalid = new(nameof(UsageAmountInvalid));
    public static Problem UsageDateOutOfRange(int monthsBack) => new(nameof(UsageDateOutOfRange), monthsBack);
    public static readonly Problem BillingMonthInFuture = new(nameof(BillingMonthInFuture));
    public static readonly Problem BillingMonthNotEnded = new(nameof(BillingMonthNotEnded));
    public static readonly Problem BillingMonthIssued = new(nameof(BillingMonthIssued));
    public static readonly Problem ReportNameRequired = new(nameof(ReportNameRequired));
    public static readonly Problem ReportNameTaken = new(nameof(ReportNameTaken));
    public static readonly Problem ReportPeriodInvalid = new(nameof(ReportPeriodInvalid));
}
