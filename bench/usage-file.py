"""Writes a daily rated usage reconciliation file (all 55 columns, UTF-8 with BOM, CRLF) for the
billing benchmark: CUSTOMERS customers (tenants md5('bench-tenant-' || i)), each with one Azure plan,
20 meters over a number of resources a day, for every day of MONTH, ROWS rows in all."""
import hashlib, sys, uuid, calendar

path, month, rows, customers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
year, mon = map(int, month.split("-"))
days = calendar.monthrange(year, mon)[1]
per_day = max(1, rows // (customers * days))
columns = ("PartnerId,PartnerName,CustomerId,CustomerName,CustomerDomainName,CustomerCountry,MpnId,Tier2MpnId,InvoiceNumber,ProductId,SkuId,"
           "AvailabilityId,SkuName,ProductName,PublisherName,PublisherId,SubscriptionDescription,SubscriptionId,ChargeStartDate,ChargeEndDate,UsageDate,"
           "MeterType,MeterCategory,MeterId,MeterSubCategory,MeterName,MeterRegion,Unit,ResourceLocation,ConsumedService,ResourceGroup,ResourceURI,"
           "ChargeType,UnitPrice,Quantity,UnitType,BillingPreTaxTotal,BillingCurrency,PricingPreTaxTotal,PricingCurrency,ServiceInfo1,ServiceInfo2,Tags,"
           "AdditionalInfo,EffectiveUnitPrice,PCToBCExchangeRate,PCToBCExchangeRateDate,EntitlementId,EntitlementDescription,PartnerEarnedCreditPercentage,"
           "CreditPercentage,CreditType,BenefitId,BenefitOrderId,BenefitType")
assert len(columns.split(",")) == 55
meters = [(f"{uuid.UUID(hashlib.md5(f'meter-{m}'.encode()).hexdigest())}", f"Meter {m}", ["Virtual Machines", "Storage", "Bandwidth", "SQL Database"][m % 4], 0.01 + m * 0.013) for m in range(20)]
start, end = f"{mon:02d}/01/{year}", f"{mon:02d}/{days:02d}/{year}"
written = 0
with open(path, "w", encoding="utf-8-sig", newline="") as out:
    out.write(columns + "\r\n")
    for i in range(1, customers + 1):
        tenant = str(uuid.UUID(hashlib.md5(f"bench-tenant-{i}".encode()).hexdigest()))
        azure = str(uuid.UUID(hashlib.md5(f"bench-azure-{i}".encode()).hexdigest()))
        head = (f"3c1f8a8e-3d9a-4b8e-9d0b-5f2b1c8a9e11,Bench Distributor,{tenant},Customer {i},benchcustomer{i}.onmicrosoft.com,US,1234567,,G000000001,"
                f"DZH318Z0BPS6,0001,DZH318Z0BQ4J,Azure plan,Azure plan,Microsoft,,Azure plan,{azure},{start},{end},")
        for d in range(1, days + 1):
            day = f"{mon:02d}/{d:02d}/{year}"
            for k in range(per_day):
                meter_id, meter_name, category, price = meters[k % 20]
                quantity = ((i * 31 + d * 17 + k * 7) % 1000) / 10 + 0.5
                cost = round(quantity * price, 6)
                out.write(f"{head}{day},1,{category},{meter_id},,{meter_name},US East,1 Hour,EASTUS,Microsoft.Compute,rg-{k // 20},"
                          f"/subscriptions/{azure}/resourceGroups/rg-{k // 20}/providers/Microsoft.Compute/virtualMachines/vm{k},Usage,{price},{quantity},1 Hour,"
                          f"{cost},USD,{cost},USD,,,,,{price},1,{start},,,0,0,Credit Not Applied,,,\r\n")
                written += 1
print(written)
