# Multi-stage build: the SDK image builds (MudBlazor's CSS and script come from its NuGet package),
# the ASP.NET runtime image runs. The app migrates the database itself at start-up (advisory-locked).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/IonPortal.Core/IonPortal.Core.csproj src/IonPortal.Core/
COPY src/IonPortal.Web/IonPortal.Web.csproj src/IonPortal.Web/
RUN dotnet restore src/IonPortal.Web/IonPortal.Web.csproj
COPY src/ src/
RUN dotnet publish src/IonPortal.Web/IonPortal.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "IonPortal.Web.dll"]
