package com.paycallback.shop;

/** A placed order: what the gateway must collect, in minor units. */
public record PlacedOrder(String orderNo, long payable, String currency) {}
