package com.paycallback.refund;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The refund endpoint of the in-house gateway behind the generic HMAC channel.
 *
 * @param refundUrl where refunds are POSTed; refunds through the generic channel are only possible
 *     when it is set
 * @param secrets the channel's shared secrets; the first one signs refund requests
 */
@ConfigurationProperties("paycallback.channels.generic")
record GenericRefundProperties(URI refundUrl, @DefaultValue List<String> secrets) {}
