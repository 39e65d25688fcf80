namespace Traza.Domain.Exposure;

/// <summary>Where a lot's customs value in MXN came from (SPEC §3.4).</summary>
public enum CustomsValueSource
{
    /// <summary>No value: the row gave no MXN, and no USD value with an exchange rate or a loaded DOF rate.</summary>
    None,

    /// <summary>The row's <c>customs_value_mxn</c>.</summary>
    Row,

    /// <summary><c>value_usd × exchange_rate</c> of the row.</summary>
    RowRate,

    /// <summary><c>value_usd ×</c> the loaded DOF rate of the entry date (<see cref="ExchangeRates.On"/>).</summary>
    DofRate,
}

/// <summary>A lot's customs value in MXN and what it rests on.</summary>
/// <param name="Mxn">The value; null when none.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="Rate">The exchange rate used (row or DOF); null for <see cref="CustomsValueSource.Row"/> and none.</param>
/// <param name="RateDate">The DOF row's date for <see cref="CustomsValueSource.DofRate"/>.</param>
public readonly record struct CustomsValue(decimal? Mxn, CustomsValueSource Source, decimal? Rate, DateOnly? RateDate)
{
    /// <summary>
    /// SPEC §3.4: the row's <c>customs_value_mxn</c>, else <c>value_usd × exchange_rate</c>, else <c>value_usd ×</c> the loaded
    /// DOF rate of the entry date. Exact (not rounded): the lot's value; shares of it are rounded where they are shown.
    /// </summary>
    public static CustomsValue Of(decimal? customsValueMxn, decimal? valueUsd, decimal? exchangeRate, DateOnly entryDate, ExchangeRates rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        if (customsValueMxn is { } mxn)
        {
            return new CustomsValue(mxn, CustomsValueSource.Row, null, null);
        }

        if (valueUsd is not { } usd)
        {
            return default;
        }

        if (exchangeRate is { } rate)
        {
            return new CustomsValue(usd * rate, CustomsValueSource.RowRate, rate, null);
        }

        return rates.On(entryDate) is { } dof
            ? new CustomsValue(usd * dof.MxnPerUsd, CustomsValueSource.DofRate, dof.MxnPerUsd, dof.Date)
            : default;
    }

    /// <summary>The value's source as the report prints it: <c>row</c>, <c>row_rate</c>, <c>dof_rate</c> or <c>none</c>.</summary>
    public string SourceName => Source switch
    {
        CustomsValueSource.Row => "row",
        CustomsValueSource.RowRate => "row_rate",
        CustomsValueSource.DofRate => "dof_rate",
        _ => "none",
    };
}
